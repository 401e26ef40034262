// Zoho's accounts server deviates from RFC 6749 in ways oauth4webapi rightly refuses. This fetch sits
// between oauth4webapi and the network and makes Zoho's answers standard before they are processed:
//  1. Errors in HTTP 200 bodies (`{"error":"invalid_code"}`) become HTTP 400, so they are OAuth errors.
//  2. `expires_in_sec`: when present, `expires_in` is in milliseconds (ZOHO.md); `expires_in` is
//     replaced by `expires_in_sec` so that it is in seconds, as RFC 6749 says.
//  3. Rate limiting comes as HTTP 400 `{"error":"Access Denied","error_description":"You have made too
//     many requests..."}`; it becomes HTTP 429, so the manager backs off and retries.
//  4. Revocation: Zoho documents `POST /oauth/v2/token/revoke?token=...`; the token is added to the query
//     as well as kept in the form body.
// `api_domain` needs no adapting: it is read from every provider's token response.

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

const RATE_LIMITED = /too many requests/i;

async function adaptBody(response: Response): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json') && response.status !== 200) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  const json = body as Record<string, unknown>;
  let status = response.status;
  if (typeof json.error === 'string' && status === 200) status = 400;
  if (json.error === 'Access Denied' && RATE_LIMITED.test(String(json.error_description ?? ''))) status = 429;
  if (json.expires_in_sec !== undefined) json.expires_in = json.expires_in_sec;
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  return new Response(JSON.stringify(json), { status, statusText: response.statusText, headers });
}

/** Wraps `inner` (default: the global fetch) with Zoho's adaptations. */
export function zohoFetch(inner: Fetch = (url, init) => fetch(url, init)): Fetch {
  return async (url, init) => {
    let target = url;
    if (new URL(url).pathname.endsWith('/oauth/v2/token/revoke') && init.body instanceof URLSearchParams) {
      const token = init.body.get('token');
      if (token) {
        const withQuery = new URL(url);
        withQuery.searchParams.set('token', token);
        target = withQuery.href;
      }
    }
    return adaptBody(await inner(target, init));
  };
}
