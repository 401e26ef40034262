// A new id that a row already has is retried, never surfaced: newTokenId is made to repeat itself.
import { describe, expect, it, vi } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';

const ids = vi.hoisted(() => ['AAAAAAAAAA', 'AAAAAAAAAA', 'AAAAAAAAAA', 'BBBBBBBBBB']);

vi.mock('@tokens/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tokens/core')>()),
  newTokenId: () => ids.shift() ?? 'CCCCCCCCCC',
}));

describe('id collisions', () => {
  it('a generated id that is taken is replaced by another, and both tokens are kept', async () => {
    await using store = new SqliteTokenStore({ filename: ':memory:' });
    const first = await store.saveToken({ userName: 'ada', accessToken: 'at-ada' });
    const second = await store.saveToken({ userName: 'bob', accessToken: 'at-bob' });
    expect([first.id, second.id]).toEqual(['AAAAAAAAAA', 'BBBBBBBBBB']);
    expect((await store.findTokenById('AAAAAAAAAA'))?.userName).toBe('ada');
    expect((await store.findTokenById('BBBBBBBBBB'))?.userName).toBe('bob');
  });
});
