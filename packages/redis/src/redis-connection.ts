// The store's client and how every operation reaches it: the client is the caller's or built lazily from
// options (cluster, URL or host options); an operation waits for a ready connection and gets an answer
// within `operationTimeoutMs`, or rejects with RedisTimeoutError (classified UNAVAILABLE).
import { Cluster, Redis } from 'ioredis';
import { RedisTimeoutError } from './error-classifier.js';
import type { RedisTokenStoreOptions } from './options.js';
import type { RedisClient } from './script-runner.js';

function buildClient(options: RedisTokenStoreOptions, timeoutMs: number): RedisClient {
  const { prefix, client, cluster, clusterOptions, url, operationTimeoutMs, ...redisOptions } = options;
  // An operation that rejected must not be applied later behind the caller's back: no command is replayed
  // after a reconnection, and a standalone client sends only on a ready connection (no offline queue).
  // A Cluster keeps its queues, which failover relies on. Caller options still win.
  const safety = { commandTimeout: timeoutMs, autoResendUnfulfilledCommands: false, lazyConnect: true };
  if (cluster) {
    return new Cluster(cluster, {
      lazyConnect: true,
      ...clusterOptions,
      redisOptions: { ...safety, ...clusterOptions?.redisOptions },
    });
  }
  const standalone = { ...safety, enableOfflineQueue: false, maxRetriesPerRequest: 0, ...redisOptions };
  return url ? new Redis(url, standalone) : new Redis(standalone);
}

export class RedisConnection {
  readonly client: RedisClient;
  readonly owned: boolean;
  #lastError: Error | undefined;
  #readyWait: Promise<void> | undefined;

  constructor(
    options: RedisTokenStoreOptions,
    readonly timeoutMs: number,
  ) {
    this.owned = options.client === undefined;
    this.client = options.client ?? buildClient(options, timeoutMs);
    // Our own clients report connection errors through the operations; without a listener ioredis would
    // print each reconnection failure.
    if (this.owned) {
      this.client.on('error', (error: Error) => {
        this.#lastError = error;
      });
      this.client.on('ready', () => {
        this.#lastError = undefined;
      });
    }
  }

  /** Runs `fn` on a ready client; rejects with RedisTimeoutError when it has no answer in time. */
  async run<T>(fn: (client: RedisClient) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(this.#timeoutError());
      }, this.timeoutMs);
    });
    const work = this.#ready().then(() => {
      // The caller has been told this operation failed: it must not reach the server now.
      if (expired) throw this.#timeoutError();
      return fn(this.client);
    });
    work.catch(() => {});
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Quits a client the store built (disconnects when it cannot say goodbye in time); leaves the caller's. */
  async close(): Promise<void> {
    if (!this.owned) return;
    const client = this.client;
    if (client.status !== 'ready') {
      client.disconnect();
      return;
    }
    try {
      await this.run((c) => c.quit());
    } catch {
      client.disconnect();
    }
  }

  #timeoutError(): RedisTimeoutError {
    return new RedisTimeoutError(this.timeoutMs, this.#lastError);
  }

  /** Resolves once the client is ready; one shared wait however many operations are queued behind it. */
  #ready(): Promise<void> {
    const client = this.client;
    if (client.status === 'ready') return Promise.resolve();
    if (client.status === 'end') return Promise.reject(new Error('Connection is closed.'));
    this.#readyWait ??= new Promise<void>((resolve, reject) => {
      const onReady = () => {
        this.#lastError = undefined;
        settle(resolve);
      };
      const onEnd = () => settle(() => reject(new Error('Connection is closed.')));
      const onError = (error: Error) => {
        this.#lastError = error;
      };
      const settle = (then: () => void) => {
        client.off('ready', onReady);
        client.off('end', onEnd);
        if (!this.owned) client.off('error', onError);
        this.#readyWait = undefined;
        then();
      };
      client.on('ready', onReady);
      client.on('end', onEnd);
      if (!this.owned) client.on('error', onError);
      if (client.status === 'wait') client.connect().catch(() => {});
    });
    return this.#readyWait;
  }
}
