// A MemoryTokenStore seen without its lock capability: what a store that cannot hold leases looks like.
import { MemoryTokenStore, type TokenStore } from '@tokens/core';

export function locklessStore(store: TokenStore = new MemoryTokenStore()): TokenStore {
  return {
    findToken: (q) => store.findToken(q),
    findTokenById: (id) => store.findTokenById(id),
    saveToken: (t) => store.saveToken(t),
    deleteToken: (id) => store.deleteToken(id),
    getTokens: () => store.getTokens(),
    deleteTokens: () => store.deleteTokens(),
    close: () => store.close(),
    [Symbol.asyncDispose]: () => store.close(),
  };
}
