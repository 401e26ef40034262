// A local Redis Cluster of three masters (no replicas) from the redis-server binary, for the cluster
// conformance run: started on spare ports, created with `redis-cli --cluster create`, ready when every
// node reports cluster_state:ok, and stopped with its temp dirs deleted.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { oneCommand, pollUntil, RedisServer } from './redis-server.js';

const run = promisify(execFile);

export class RedisCluster {
  private constructor(readonly servers: RedisServer[]) {}

  static async start(masters = 3): Promise<RedisCluster> {
    const servers: RedisServer[] = [];
    const cluster = new RedisCluster(servers);
    try {
      for (let i = 0; i < masters; i++) {
        servers.push(
          await RedisServer.start([
            ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
            ...['--cluster-node-timeout', '5000', '--appendonly', 'no'],
          ]),
        );
      }
      const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
      await run('redis-cli', [
        '--cluster',
        'create',
        ...addresses,
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      for (const server of servers) {
        await pollUntil(`cluster_state:ok on port ${server.port}`, async () => {
          const info = String(await oneCommand(server.port, 'CLUSTER', 'INFO'));
          return info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}`);
        });
      }
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** The nodes an ioredis `Cluster` starts from. */
  get nodes(): { host: string; port: number }[] {
    return this.servers.map((s) => ({ host: '127.0.0.1', port: s.port }));
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}
