// A cluster node going away: with the master of the prefix's slot killed, operations reject with
// UNAVAILABLE within operationTimeoutMs; restarted on its port with its nodes.conf it rejoins, and the
// store's Cluster client recovers by itself.
import { outcome } from '@tokens/core/conformance';
import { requiredServices } from '@tokens/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { randomPrefix } from './support/raw-redis.js';
import { RedisCluster } from './support/redis-cluster.js';
import { oneCommand, pollUntil, redisServerProblem } from './support/redis-server.js';

const problem = requiredServices().has('redis') ? undefined : redisServerProblem();
const title = 'RedisTokenStore when a cluster master is unreachable';
const BOUND_MS = 500;
// What a rejection may take beyond the bound: timer and event-loop scheduling on a busy CI machine.
const SLACK_MS = 4_000;

describe.skipIf(problem !== undefined)(problem ? `${title} — skipped: ${problem}` : title, () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await RedisCluster.start(3);
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('rejects with UNAVAILABLE while the slot has no master, and recovers when it is back', async () => {
    const prefix = randomPrefix('cluster-down');
    const store = new RedisTokenStore({ cluster: cluster.nodes, prefix, operationTimeoutMs: BOUND_MS });
    onTestFinished(() => store.close());
    // The first call also discovers the cluster's slots and loads the scripts: on a busy machine that can
    // take longer than the bound under test, so it is retried until the cluster answers.
    await pollUntil(
      'the new cluster to answer',
      () => store.saveToken({ userName: 'before', accessToken: 'at-before' }),
      30_000,
    );

    const slot = Number(await oneCommand(cluster.servers[0]!.port, 'CLUSTER', 'KEYSLOT', `{${prefix}}`));
    const ranges = (await oneCommand(cluster.servers[0]!.port, 'CLUSTER', 'SLOTS')) as [
      number,
      number,
      [string, number],
    ][];
    const port = ranges.find(([from, to]) => from <= slot && slot <= to)![2][1];
    const master = cluster.servers.find((s) => s.port === port)!;
    await master.kill();

    for (const operation of [
      () => store.findToken({ userName: 'before' }),
      () => store.saveToken({ userName: 'during', accessToken: 'at-during' }),
    ]) {
      const started = performance.now();
      const result = await outcome<unknown>(operation());
      expect(result.ok ? 'resolved' : result.error.code).toBe('UNAVAILABLE');
      expect(performance.now() - started).toBeLessThan(BOUND_MS + SLACK_MS);
    }

    await master.restart();
    const saved = await pollUntil(
      'the cluster client to recover',
      () => store.saveToken({ userName: 'after', accessToken: 'at-after' }),
      30_000,
    );
    expect((await store.findTokenById(saved.id))?.userName).toBe('after');
  }, 60_000);
});
