// Completes an authorization-code login over plain HTTP, as a browser would: follows the provider's
// redirects with a cookie jar, submits the login form with the given user name, and stops at the
// redirect to the client's redirect URI, whose URL (with `code`, `state`, `iss`) it returns.
const MAX_HOPS = 20;

class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  // Paths are ignored: one login is a straight sequence of requests, so sending every cookie is harmless.
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now(),
      );
      if (value === '' || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

function isRedirectTo(location: URL, redirectUris: readonly string[]): boolean {
  return redirectUris.some((uri) => {
    const target = new URL(uri);
    return location.origin === target.origin && location.pathname === target.pathname;
  });
}

/**
 * Follows `authorizationUrl` through login and consent as `userName` and returns the callback URL the
 * provider redirects to. Throws with the provider's answer when it stops anywhere else (an error page).
 */
export async function completeLogin(
  authorizationUrl: string | URL,
  userName: string,
  redirectUris: readonly string[],
): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form,
    });
    jar.take(response);
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      if (isRedirectTo(url, redirectUris)) return url;
      continue;
    }
    const text = await response.text();
    if (
      response.status === 200 &&
      /\/interaction\/[^/]+$/.test(url.pathname) &&
      text.includes('name="login"')
    ) {
      url = new URL(`${url.pathname}/login`, url);
      form = new URLSearchParams({ login: userName });
      continue;
    }
    throw new Error(`login stopped at ${url.pathname} with HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  throw new Error(`login did not reach the redirect URI within ${MAX_HOPS} redirects`);
}
