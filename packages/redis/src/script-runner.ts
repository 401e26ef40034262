// Runs a server-side script by its SHA1 (EVALSHA), falling back to EVAL, which also caches it, when the
// server does not know it yet (first use, restart, SCRIPT FLUSH, another cluster node). This is what
// ioredis' defineCommand does, without adding methods to a client the caller may own.
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { LuaScript } from './lua-scripts.js';

export type RedisClient = Redis | Cluster;

const shas = new WeakMap<LuaScript, string>();

function shaOf(script: LuaScript): string {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script.source).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}

export async function runScript(
  client: RedisClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(shaOf(script), keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}
