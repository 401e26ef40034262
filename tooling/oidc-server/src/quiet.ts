// oidc-provider prints "oidc-provider WARNING/NOTICE: ..." lines meant for people deploying it (Node 20 is not
// its preferred runtime, the in-memory adapter is for development). A test server is exactly that use, so
// while the harness loads and configures the provider, those lines are kept in a list instead of printed.
type ConsoleMethod = 'warn' | 'info' | 'log';

/** Runs `fn` with oidc-provider's own console lines diverted into `into`; other lines print as usual. */
export async function withoutProviderNotices<T>(into: string[], fn: () => Promise<T>): Promise<T> {
  const methods: ConsoleMethod[] = ['warn', 'info', 'log'];
  const originals = methods.map((m) => console[m]);
  methods.forEach((method, i) => {
    const original = originals[i]!;
    console[method] = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : '';
      if (text.includes('oidc-provider ')) into.push(text);
      else original.apply(console, args);
    };
  });
  try {
    return await fn();
  } finally {
    methods.forEach((method, i) => {
      console[method] = originals[i]!;
    });
  }
}
