// Where each backend the suites need comes from: a URL from the environment, else a container per test
// run where a container runtime answers, else nothing, with the reason.
export type ServiceName = 'mysql' | 'redis' | 'mongo';

export interface ServiceInfo {
  /** Connection URL, when the service is there. */
  url?: string;
  /** Where the URL came from. */
  source: 'env' | 'container' | 'none';
  /** Why there is no URL. */
  skipReason?: string;
}

export type ServiceMap = Partial<Record<ServiceName, ServiceInfo>>;

export const ENV_URL: Record<ServiceName, string> = {
  mysql: 'TOKENS_TEST_MYSQL_URL',
  redis: 'TOKENS_TEST_REDIS_URL',
  mongo: 'TOKENS_TEST_MONGO_URL',
};

/** Services listed in TOKENS_REQUIRE (comma-separated) must be there: their absence fails the run. */
export function requiredServices(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env.TOKENS_REQUIRE ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

declare module 'vitest' {
  interface ProvidedContext {
    /** The services a project's tests need; set in the project's vitest config. */
    tokensNeeds: ServiceName[];
    /** What the global setup found for them. */
    tokensServices: ServiceMap;
  }
}
