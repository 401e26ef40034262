// Step 1: the authorization-code flow with PKCE, the server's login page filled in by the demo, and the
// tokens saved in the store.
import { fingerprint } from '../fingerprint.js';
import { check, seconds } from '../report.js';
import { type DemoContext, storedToken } from './context.js';

export async function logIn(context: DemoContext): Promise<void> {
  const { server, manager, userName, report } = context;
  const request = await manager.createAuthorizationRequest();
  const query = request.url.searchParams;
  report.detail(`authorization request: ${request.url.origin}${request.url.pathname}`);
  report.detail(
    `  response_type=${query.get('response_type')}, code_challenge_method=${query.get('code_challenge_method')} (PKCE; the verifier stays here), a random state`,
  );
  const callback = await server.oidc.login(request.url, userName);
  report.detail(
    `the server's login page, filled in as ${userName} and submitted by the demo (automatically)`,
  );
  report.detail(
    `redirected to ${callback.origin}${callback.pathname} with ${[...callback.searchParams.keys()].join(', ')}`,
  );
  const codeCalls = server.tokenCalls('authorization_code');
  await manager.exchangeGrant({
    userName,
    callbackUrl: callback,
    state: request.state,
    codeVerifier: request.codeVerifier,
  });
  check(
    server.tokenCalls('authorization_code') === codeCalls + 1,
    'the code was not exchanged at the token endpoint',
  );
  const token = await storedToken(context);
  check(
    token?.accessToken !== undefined && token.refreshToken !== undefined,
    'no tokens were saved in the store',
  );
  report.detail(
    `code exchanged (state and PKCE verifier checked); tokens saved in the store under ${userName}:`,
  );
  report.detail(
    `  id ${token.id}, access token ${fingerprint(token.accessToken)}, refresh token ${fingerprint(token.refreshToken)}`,
  );
  report.detail(`  access token expires in ${seconds((token.expiresAt ?? 0) - Date.now())}`);
}
