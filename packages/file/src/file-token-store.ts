// FileTokenStore: the tokens of one namespace in one JSON file. Reads take no lock (the file is only
// ever replaced by an atomic rename); every write reads the current file under a cross-process lock,
// changes it in memory and replaces it atomically. Nothing is cached between operations.
import {
  assertTokenId,
  conflictError,
  identityOf,
  type LockingTokenStore,
  matchesIdentity,
  newTokenId,
  normalizeToken,
  type OAuthToken,
  plainToken,
  planSave,
  protectToken,
  type StoredToken,
  StoreOperations,
  saveIdentity,
  secretsOf,
  sharedUniqueField,
  type TokenLocks,
} from '@tokens/core';
import { classifyFileError } from './file-errors.js';
import { acquireFileLock } from './file-lock.js';
import { fileTokenLocks } from './file-token-locks.js';
import {
  type FileTokenStoreOptions,
  type ResolvedFileOptions,
  resolveFileOptions,
} from './file-token-store-options.js';
import { parseTokenDocument, serializeTokenDocument, type TokenDocument } from './token-document.js';
import { ensureDirectory, readTokenFile, removeLeftoverTempFiles, replaceTokenFile } from './token-file.js';
import { queueFor } from './write-queue.js';

export class FileTokenStore implements LockingTokenStore {
  /** The absolute path of the token file: this store's namespace. */
  readonly path: string;
  readonly locks: TokenLocks;
  readonly #options: ResolvedFileOptions;
  readonly #ops = new StoreOperations('FileTokenStore', classifyFileError);
  readonly #pending = new Set<Promise<unknown>>();
  #swept = false;

  constructor(options: FileTokenStoreOptions) {
    this.#options = resolveFileOptions(options);
    this.path = this.#options.path;
    this.locks = fileTokenLocks({
      run: (operation, fn) => this.#ops.run(operation, fn),
      write: (change) => this.#write(change),
    });
  }

  findToken(query: OAuthToken): Promise<StoredToken | undefined> {
    return this.#ops.run('findToken', async () => {
      const identity = identityOf(normalizeToken(query, 'findToken'));
      if (!identity) return undefined;
      const token = (await this.#read()).tokens.find((t) => matchesIdentity(t, identity));
      return token && protectToken(token);
    });
  }

  findTokenById(id: string): Promise<StoredToken | undefined> {
    return this.#ops.run('findTokenById', async () => {
      assertTokenId(id, 'findTokenById');
      const token = (await this.#read()).tokens.find((t) => t.id === id);
      return token && protectToken(token);
    });
  }

  saveToken(token: OAuthToken): Promise<StoredToken> {
    return this.#ops.run(
      'saveToken',
      () => {
        const incoming = normalizeToken(token, 'saveToken');
        const identity = saveIdentity(incoming);
        return this.#write(({ tokens }) => {
          const index = tokens.findIndex((t) => matchesIdentity(t, identity));
          const ids = new Set(tokens.map((t) => t.id));
          const plan = planSave(incoming, tokens[index], () => {
            let id = newTokenId();
            while (ids.has(id)) id = newTokenId();
            return id;
          });
          for (const other of tokens) {
            const field = sharedUniqueField(plan.token, other);
            if (field) throw conflictError(field);
          }
          const stored = plainToken(plan.token) as StoredToken;
          if (index >= 0) tokens[index] = stored;
          else tokens.push(stored);
          return { value: protectToken(plainToken(stored) as StoredToken), changed: true };
        });
      },
      secretsOf(token),
    );
  }

  deleteToken(id: string): Promise<void> {
    return this.#ops.run('deleteToken', () => {
      assertTokenId(id, 'deleteToken');
      return this.#write((doc) => {
        const before = doc.tokens.length;
        doc.tokens = doc.tokens.filter((t) => t.id !== id);
        return { value: undefined, changed: doc.tokens.length !== before };
      });
    });
  }

  getTokens(): Promise<StoredToken[]> {
    return this.#ops.run('getTokens', async () => (await this.#read()).tokens.map((t) => protectToken(t)));
  }

  deleteTokens(): Promise<void> {
    return this.#ops.run('deleteTokens', () =>
      this.#write((doc) => {
        const changed = doc.tokens.length > 0;
        doc.tokens = [];
        // Leases are not tokens: they stay.
        return { value: undefined, changed };
      }),
    );
  }

  /** Waits for this store's writes in progress; there is no handle or timer to release between them. */
  close(): Promise<void> {
    return this.#ops.close(async () => {
      await Promise.allSettled([...this.#pending]);
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #read(): Promise<TokenDocument> {
    return parseTokenDocument((await readTokenFile(this.path)).text);
  }

  /** Read, change and replace the file under the lock; a CORRUPT file fails before anything is written. */
  #write<T>(change: (doc: TokenDocument) => { value: T; changed: boolean }): Promise<T> {
    const { path, lockStaleMs, lockWaitMs } = this.#options;
    // lockWaitMs counts from the call, not from the turn in the queue: otherwise k writes queued behind
    // a lock held by another process would fail one after another, the last after k x lockWaitMs.
    const deadline = Date.now() + lockWaitMs;
    const run = queueFor(path, async () => {
      await ensureDirectory(path);
      const lock = await acquireFileLock(path, { staleMs: lockStaleMs, waitMs: lockWaitMs, deadline });
      try {
        if (!this.#swept) {
          await removeLeftoverTempFiles(path);
          this.#swept = true;
        }
        const { text, version } = await readTokenFile(path);
        const doc = parseTokenDocument(text);
        const { value, changed } = change(doc);
        if (changed) {
          const beforeCommit = () => lock.assertHeld();
          await replaceTokenFile(path, serializeTokenDocument(doc), { expected: version, beforeCommit });
        }
        return value;
      } finally {
        await lock.release();
      }
    });
    this.#pending.add(run);
    void run.then(
      () => this.#pending.delete(run),
      () => this.#pending.delete(run),
    );
    return run;
  }
}
