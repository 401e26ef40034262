// The manager's view of the store: lookups by user name or id, saves and deletes, each failure wrapped as a
// STORE error with the store's TokenStoreError as its cause. A token of another OAuth client is never
// handed out, refreshed, revoked or overwritten: several applications may share one namespace.
import type { OAuthToken, StoredToken, TokenStore } from '@tokens/core';
import { storeError, TokenManagerError } from './errors.js';

/** Which stored token: a user name (Zoho's `email:orgId`, or any name you gave `exchangeGrant`), or an id. */
export type TokenRef = string | { userName: string } | { id: string };

export class StoreAccess {
  readonly #store: TokenStore;
  readonly #clientId: string;

  constructor(store: TokenStore, clientId: string) {
    this.#store = store;
    this.#clientId = clientId;
  }

  /** `token` when it is this client's (or names no client); refuses another client's token. */
  #own(token: StoredToken | undefined, operation: string): StoredToken | undefined {
    if (token?.clientId === undefined || token.clientId === this.#clientId) return token;
    throw new TokenManagerError(
      'INVALID_ARGUMENT',
      "the stored token for this user belongs to another OAuth client; give each client's tokens their own store namespace",
      { operation },
    );
  }

  async find(ref: TokenRef, operation: string): Promise<StoredToken | undefined> {
    if (typeof ref === 'object' && ref !== null && 'id' in ref) return this.findById(ref.id, operation);
    const userName = typeof ref === 'string' ? ref : ref?.userName;
    if (typeof userName !== 'string' || userName === '') {
      throw new TokenManagerError('INVALID_ARGUMENT', 'a token is named by a non-empty userName or an id', {
        operation,
      });
    }
    try {
      return this.#own(await this.#store.findToken({ userName }), operation);
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  async findById(id: string, operation: string): Promise<StoredToken | undefined> {
    try {
      return this.#own(await this.#store.findTokenById(id), operation);
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  async save(token: OAuthToken, operation: string): Promise<StoredToken> {
    try {
      return await this.#store.saveToken(token);
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  async delete(id: string, operation: string): Promise<void> {
    try {
      await this.#store.deleteToken(id);
    } catch (error) {
      throw storeError(error, operation);
    }
  }
}
