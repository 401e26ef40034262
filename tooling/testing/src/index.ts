// What test files import: the service a suite runs against, or the reason it is skipped.
import { inject } from 'vitest';
import type { ServiceInfo, ServiceName } from './services.js';

export { IMAGES } from './images.js';
export type { ServiceInfo, ServiceName } from './services.js';
export { ENV_URL, requiredServices } from './services.js';

/** The service as the global setup found it. Call at a test file's top level. */
export function testService(name: ServiceName): ServiceInfo {
  return inject('tokensServices')?.[name] ?? { source: 'none', skipReason: `${name} is not in tokensNeeds` };
}

/** A suite title that carries the skip reason, so the test output says why a suite did not run. */
export function suiteTitle(title: string, service: ServiceInfo): string {
  return service.url ? title : `${title} — skipped: ${service.skipReason}`;
}
export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumSkipReason } from './chromium.js';
export { quickStartCode, runQuickStart } from './readme-quick-start.js';
