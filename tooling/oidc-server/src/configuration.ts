/// <reference path="./oidc-provider.d.ts" />
// oidc-provider's configuration for the harness: one confidential client with the authorization-code and
// refresh-token grants, refresh-token rotation, revocation (RFC 7009), PKCE, and our own interaction pages
// in place of the development ones. Every default that oidc-provider asks deployers to replace is set here.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KoaContext } from 'oidc-provider';
import type { ResolvedOptions } from './options.js';

interface TokenLike {
  clientId?: string;
}
interface ClientLike {
  clientId: string;
  grantTypeAllowed(type: string): boolean;
}

export function providerConfiguration(options: ResolvedOptions): Record<string, unknown> {
  // A signing key of our own: the provider's built-in one is announced as development-only.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'harness' };
  const day = 24 * 3600;
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: options.clientAuthMethod,
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // A client may revoke only its own tokens (oidc-provider's default rule, without its notice).
        allowedPolicy: async (_ctx: unknown, client: ClientLike, token: TokenLike) =>
          token.clientId === client.clientId,
      },
    },
    pkce: { required: () => options.pkceRequired },
    rotateRefreshToken: options.rotateRefreshToken,
    // Refresh tokens for every client allowed the grant, without requiring the offline_access scope.
    issueRefreshToken: async (_ctx: unknown, client: ClientLike) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: options.refreshTokenTtlSeconds,
      Interaction: 3600,
      Session: day,
      Grant: options.refreshTokenTtlSeconds,
    },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: sub, email: sub.includes('@') ? sub : undefined }),
    }),
    interactions: {
      url: async (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    renderError: async (ctx: KoaContext, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Error</title><h1>${escapeHtml(out.error ?? 'error')}</h1><p>${escapeHtml(out.error_description ?? '')}</p>`;
    },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
