// Records every request the token and revocation endpoints answered, so tests can count refreshes
// exactly ("the server saw one refresh_token grant"). Runs as a Koa middleware around oidc-provider's own.
import type { KoaContext } from 'oidc-provider';

export interface RecordedRequest {
  /** `token` or `revocation`. */
  endpoint: 'token' | 'revocation';
  /** The token request's grant_type (`authorization_code`, `refresh_token`); undefined for revocation. */
  grantType: string | undefined;
  /** HTTP status of the answer. */
  status: number;
  /** The OAuth error code of a failed answer (`invalid_grant`, ...). */
  error: string | undefined;
}

export interface RequestQuery {
  endpoint?: 'token' | 'revocation';
  grantType?: string;
  /** true: only successful answers; false: only failed ones. */
  ok?: boolean;
}

export class RequestLog {
  readonly requests: RecordedRequest[] = [];

  count(query: RequestQuery = {}): number {
    return this.requests.filter(
      (r) =>
        (query.endpoint === undefined || r.endpoint === query.endpoint) &&
        (query.grantType === undefined || r.grantType === query.grantType) &&
        (query.ok === undefined || r.status < 400 === query.ok),
    ).length;
  }

  clear(): void {
    this.requests.length = 0;
  }

  readonly middleware = async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    try {
      await next();
    } finally {
      const route = ctx.oidc?.route;
      if (route === 'token' || route === 'revocation') {
        const grantType = ctx.oidc?.params?.grant_type;
        const body = ctx.body as { error?: unknown } | undefined;
        this.requests.push({
          endpoint: route,
          grantType: route === 'token' && typeof grantType === 'string' ? grantType : undefined,
          status: ctx.status,
          error: typeof body?.error === 'string' ? body.error : undefined,
        });
      }
    }
  };
}
