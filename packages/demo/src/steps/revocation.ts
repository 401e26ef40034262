// Step 4: revoke() revokes at the server (RFC 7009) and deletes the stored token; the demo then shows the
// store has nothing for the user and the server rejects the old refresh token.
import { isTokenManagerError } from '@tokens/oauth';
import { fingerprint } from '../fingerprint.js';
import { callApi } from '../oauth-setup.js';
import { check } from '../report.js';
import { type DemoContext, storedToken } from './context.js';

export async function revocation(context: DemoContext): Promise<void> {
  const { server, manager, userName, report } = context;
  const token = await storedToken(context);
  check(
    token?.refreshToken !== undefined && token.accessToken !== undefined,
    'the token is no longer in the store',
  );
  const { revoked } = await manager.revoke(userName);
  check(revoked, 'revoke() did not reach the revocation endpoint');
  report.detail(
    `revoke(): refresh token ${fingerprint(token.refreshToken)} revoked at the server, token deleted from the store`,
  );
  const left = await storedToken(context);
  check(left === undefined, 'the token is still in the store');
  report.detail(`the store has no token for ${userName} any more`);
  const refresh = await server.oidc.tryRefresh(token.refreshToken);
  report.detail(
    `the old refresh token sent to the token endpoint: HTTP ${refresh.status} ${refresh.error ?? ''}`.trimEnd(),
  );
  check(
    refresh.status === 400 && refresh.error === 'invalid_grant',
    'the server still accepts the revoked refresh token',
  );
  const api = await callApi(server, token.accessToken);
  check(api.status === 401, `the server still accepts the last access token (HTTP ${api.status})`);
  report.detail(`the last access token at the API: HTTP ${api.status} (revoked with its grant)`);
  try {
    await manager.getAccessToken(userName);
    check(false, 'getAccessToken() still returns a token after revocation');
  } catch (error) {
    if (!isTokenManagerError(error, 'LOGIN_REQUIRED')) throw error;
    report.detail('getAccessToken() now fails with LOGIN_REQUIRED: the user must log in again');
  }
}
