import { describeConformance } from '../src/conformance/index.js';
import { MemorySpace, MemoryTokenStore } from '../src/index.js';

describeConformance<MemoryTokenStore>({
  name: 'MemoryTokenStore',
  create: () => new MemoryTokenStore(),
  reopen: (store) => new MemoryTokenStore({ space: store.space }),
  raw: (store) => [...store.space.tokens.values()],
  capabilities: { locks: true },
});

// A shared space is the same namespace; a new store gets its own.
import { expect, it } from 'vitest';

it('stores sharing a MemorySpace share tokens; a new store starts empty', async () => {
  const space = new MemorySpace();
  const a = new MemoryTokenStore({ space });
  const b = new MemoryTokenStore({ space });
  const saved = await a.saveToken({ userName: 'u', accessToken: 'at' });
  expect((await b.findTokenById(saved.id))?.userName).toBe('u');
  expect(await new MemoryTokenStore().getTokens()).toEqual([]);
});
