// Throughput of the reference store: the cost of the contract's rules (validation, identity, merge,
// conflict scan) without any backend. Figures are printed by `pnpm bench`, never asserted.
import { bench, describe } from 'vitest';
import { MemoryTokenStore } from '../src/index.js';

const SIZE = 1_000;
const store = new MemoryTokenStore();
const ids: string[] = [];
for (let i = 0; i < SIZE; i++) {
  const saved = await store.saveToken({
    userName: `user-${i}`,
    accessToken: `at-${i}`,
    refreshToken: `rt-${i}`,
  });
  ids.push(saved.id);
}
let n = 0;

describe(`MemoryTokenStore with ${SIZE} tokens`, () => {
  bench('saveToken (update by userName)', async () => {
    const i = n++ % SIZE;
    await store.saveToken({ userName: `user-${i}`, accessToken: `at-${i}`, expiresAt: n });
  });
  bench('findToken (by userName)', async () => {
    await store.findToken({ userName: `user-${n++ % SIZE}` });
  });
  bench('findTokenById', async () => {
    await store.findTokenById(ids[n++ % SIZE]!);
  });
});
