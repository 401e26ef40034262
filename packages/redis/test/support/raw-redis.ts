// Reads and deletes a prefix's keys with a separate client, bypassing the store: SCAN for the keys (on
// every master of a cluster), HGETALL for the token hashes and the indexes.
import { Cluster, type Redis } from 'ioredis';
import { expect } from 'vitest';
import type { RedisTokenStore } from '../../src/index.js';

export function randomPrefix(label = 'test'): string {
  return `tokens-${label}-${Math.random().toString(36).slice(2, 12)}`;
}

async function scanKeys(client: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
  }
  return keys;
}

/** The token hashes of `prefix`, as the server holds them, sorted by id. */
export async function rawTokenHashes(client: Redis | Cluster, prefix: string) {
  const keys = await scanKeys(client, `{${prefix}}:token:*`);
  const hashes = await Promise.all(keys.map((key) => client.hgetall(key)));
  return hashes.sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
}

/** Every key of `prefix` (tokens, indexes, id set, leases). */
export function prefixKeyNames(client: Redis | Cluster, prefix: string): Promise<string[]> {
  return scanKeys(client, `{${prefix}}:*`);
}

export async function deletePrefix(client: Redis | Cluster, prefix: string): Promise<void> {
  for (const key of await prefixKeyNames(client, prefix)) await client.del(key);
}

/**
 * Every index entry of `store`'s prefix points to a token holding that value, and every token's values
 * are indexed: no stale entry survives racing saves (checked after the kit's multi-process run).
 */
export async function expectIndexesMatch(client: Redis | Cluster, store: RedisTokenStore): Promise<void> {
  const tokens = await store.getTokens();
  for (const [column, field] of [
    ['user_name', 'userName'],
    ['access_token', 'accessToken'],
    ['refresh_token', 'refreshToken'],
  ] as const) {
    const index = await client.hgetall(`{${store.prefix}}:index:${column}`);
    const held = Object.fromEntries(tokens.filter((t) => t[field]).map((t) => [t[field], t.id]));
    expect(index).toEqual(held);
  }
}
