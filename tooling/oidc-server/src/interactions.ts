/// <reference path="./oidc-provider.d.ts" />
// The login page: a human-usable HTML form (any user name, no password: this is a test server), and
// consent given automatically (the registered client counts as first-party). oidc-provider sends the
// browser to /interaction/<uid> whenever it needs a login or a consent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { escapeHtml } from './configuration.js';

export const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/;

export function loginPage(uid: string, clientId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in (test server)</title></head>
<body>
<h1>Sign in</h1>
<p>Test OpenID provider: any user name signs in, no password. Client: <code>${escapeHtml(clientId)}</code></p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label>User name <input name="login" autofocus required value="ada@example.com"></label>
  <button type="submit">Sign in</button>
</form>
</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Records the consent the interaction asks for in a grant, as the user would by clicking "allow". */
async function grantConsent(provider: Provider, interaction: Interaction): Promise<Record<string, unknown>> {
  const { details } = interaction.prompt;
  const accountId = interaction.session?.accountId ?? '';
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId, clientId: interaction.params.client_id });
  if (!grant) throw new Error('the grant of this interaction no longer exists');
  const scopes = details.missingOIDCScope as string[] | undefined;
  if (scopes) grant.addOIDCScope(scopes.join(' '));
  const claims = details.missingOIDCClaims as string[] | undefined;
  if (claims) grant.addOIDCClaims(claims);
  const resources = details.missingResourceScopes as Record<string, string[]> | undefined;
  for (const [indicator, list] of Object.entries(resources ?? {}))
    grant.addResourceScope(indicator, list.join(' '));
  const grantId = await grant.save();
  return interaction.grantId ? {} : { grantId };
}

/** Serves /interaction/<uid> (GET: the page, or consent) and /interaction/<uid>/login (POST). */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
  try {
    const interaction = await provider.interactionDetails(req, res);
    if (match?.[2] && req.method === 'POST') {
      const accountId = (await readForm(req)).get('login')?.trim();
      if (!accountId) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('a user name is required');
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (interaction.prompt.name === 'consent') {
      const consent = await grantConsent(provider, interaction);
      await provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(loginPage(interaction.uid, interaction.params.client_id));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`interaction failed: ${message}`);
  }
}
