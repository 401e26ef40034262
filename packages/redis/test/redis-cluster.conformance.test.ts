// The conformance kit against a local three-master Redis Cluster started from the redis-server binary: every
// store is an ioredis Cluster client, so the scripts must find all of a prefix's keys in one slot.
import { describeConformance } from '@tokens/core/conformance';
import { requiredServices } from '@tokens/testing';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, expectIndexesMatch, randomPrefix, rawTokenHashes } from './support/raw-redis.js';
import { RedisCluster } from './support/redis-cluster.js';
import { redisServerProblem } from './support/redis-server.js';

// Where Redis is required (CI), a missing binary fails the run in beforeAll instead of skipping.
const problem = requiredServices().has('redis') ? undefined : redisServerProblem();
const title = 'RedisTokenStore on a local 3-master Redis Cluster';

describe.skipIf(problem !== undefined)(problem ? `${title} — skipped: ${problem}` : title, () => {
  let cluster: RedisCluster;
  let raw: Cluster;
  beforeAll(async () => {
    cluster = await RedisCluster.start(3);
    raw = new Cluster(cluster.nodes);
  }, 60_000);
  afterAll(async () => {
    await raw?.quit();
    await cluster?.stop();
  });

  describeConformance<RedisTokenStore>({
    name: 'RedisTokenStore (cluster)',
    create: () => new RedisTokenStore({ cluster: cluster.nodes, prefix: randomPrefix('cluster') }),
    reopen: (store) => new RedisTokenStore({ cluster: cluster.nodes, prefix: store.prefix }),
    raw: (store) => rawTokenHashes(raw, store.prefix),
    destroy: (store) => deletePrefix(raw, store.prefix),
    processes: {
      module: import.meta.resolve('@tokens/redis'),
      exportName: 'RedisTokenStore',
      options: (store) => ({ cluster: cluster.nodes, prefix: store.prefix }),
      check: (store) => expectIndexesMatch(raw, store),
    },
    capabilities: { locks: true },
  });
});
