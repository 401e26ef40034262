// The web demo's routes: the page, the login redirect and its callback (authorization code + PKCE, the
// verifier kept here, server-side, by state), and JSON routes to list, use and revoke stored tokens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenStore } from '@tokens/core';
import type { TokenManager } from '@tokens/oauth';
import { fingerprint } from '../fingerprint.js';
import { callApi, type DemoServer } from '../oauth-setup.js';
import { webPage } from './web-page.js';

export interface WebContext {
  server: DemoServer;
  store: TokenStore;
  manager: TokenManager;
  storeDescription: string;
  accessTtlSeconds: number;
}

interface PendingLogin {
  userName: string;
  codeVerifier: string | undefined;
  startedAt: number;
}

const PENDING_TTL_MS = 10 * 60_000;

export function createRoutes(
  context: WebContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { server, store, manager } = context;
  // Logins under way, by state. A real app keeps this in the user's session.
  const pending = new Map<string, PendingLogin>();

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    'GET /': async (_req, res, url) => {
      const error = url.searchParams.get('error') ?? undefined;
      const info = {
        store: context.storeDescription,
        issuer: server.settings.issuer,
        accessTtlSeconds: context.accessTtlSeconds,
        error,
      };
      send(res, 200, 'text/html; charset=utf-8', webPage(info));
    },
    'GET /login': async (_req, res, url) => {
      const userName = url.searchParams.get('user')?.trim() || 'ada@example.com';
      const request = await manager.createAuthorizationRequest({ params: { login_hint: userName } });
      for (const [state, login] of pending)
        if (Date.now() - login.startedAt > PENDING_TTL_MS) pending.delete(state);
      pending.set(request.state, { userName, codeVerifier: request.codeVerifier, startedAt: Date.now() });
      redirect(res, request.url.href);
    },
    'GET /callback': async (_req, res, url) => {
      const state = url.searchParams.get('state') ?? '';
      const login = pending.get(state);
      pending.delete(state);
      if (!login) return redirect(res, `/?error=${encodeURIComponent('unknown or expired login (state)')}`);
      try {
        await manager.exchangeGrant({
          userName: login.userName,
          callbackUrl: url,
          state,
          codeVerifier: login.codeVerifier,
        });
        redirect(res, '/');
      } catch (error) {
        redirect(res, `/?error=${encodeURIComponent((error as Error).message)}`);
      }
    },
    'GET /api/tokens': async (_req, res) => {
      const tokens = (await store.getTokens()).map((t) => ({
        id: t.id,
        userName: t.userName,
        accessToken: fingerprint(t.accessToken),
        hasRefreshToken: t.refreshToken !== undefined,
        expiresAt: t.expiresAt,
      }));
      tokens.sort((a, b) => String(a.userName).localeCompare(String(b.userName)));
      const tokenCalls = {
        total: server.tokenCalls(),
        authorizationCode: server.tokenCalls('authorization_code'),
        refresh: server.tokenCalls('refresh_token'),
      };
      json(res, 200, { tokens, tokenCalls });
    },
    'POST /api/call': async (req, res) => {
      const { userName } = await readJson(req);
      const before = server.tokenCalls('refresh_token');
      const token = await manager.getToken(userName);
      const api = await callApi(server, token.accessToken ?? '');
      const refreshed = server.tokenCalls('refresh_token') > before;
      json(res, 200, { userName, refreshed, accessToken: fingerprint(token.accessToken), api });
    },
    'POST /api/revoke': async (req, res) => {
      const { userName } = await readJson(req);
      json(res, 200, await manager.revoke(userName));
    },
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes[`${req.method} ${url.pathname}`];
    try {
      if (!route) return json(res, 404, { error: 'not found' });
      await route(req, res, url);
    } catch (error) {
      const { name, message, code } = error as Error & { code?: string };
      const badRequest = error instanceof TypeError || error instanceof SyntaxError;
      const status = code === 'LOGIN_REQUIRED' ? 401 : badRequest ? 400 : 500;
      if (!res.headersSent) json(res, status, { error: code ?? name, message });
    }
  };
}

/** The JSON body of a POST. Only `application/json` is read: a cross-site form cannot send it without CORS. */
async function readJson(req: IncomingMessage): Promise<{ userName: string }> {
  if (!req.headers['content-type']?.startsWith('application/json'))
    throw new TypeError('expected application/json');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { userName?: unknown };
  if (typeof body.userName !== 'string' || body.userName === '') throw new TypeError('userName is required');
  return { userName: body.userName };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store' }).end();
}
