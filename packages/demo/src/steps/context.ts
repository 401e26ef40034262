// What every step of the terminal demo works with: the server, the store (this process's instance), the
// manager over it, where other processes find the store, the user, and the narration.
import type { StoredToken, TokenStore } from '@tokens/core';
import type { TokenManager } from '@tokens/oauth';
import type { DemoServer } from '../oauth-setup.js';
import type { StoreTarget } from '../open-store.js';
import type { Report } from '../report.js';

export interface DemoContext {
  readonly server: DemoServer;
  readonly target: StoreTarget;
  readonly store: TokenStore;
  readonly manager: TokenManager;
  readonly userName: string;
  readonly accessTtlSeconds: number;
  readonly report: Report;
}

/** The user's token as the store holds it now (read straight from the store, not through the manager). */
export async function storedToken(context: DemoContext): Promise<StoredToken | undefined> {
  return context.store.findToken({ userName: context.userName });
}
