// @tokens/oidc-server: a real OAuth 2.0 / OpenID Connect server for tests and demos (see README.md).
export { completeLogin } from './auto-login.js';
export type { ClientAuthMethod, OidcServerOptions } from './options.js';
export type { RecordedRequest, RequestLog, RequestQuery } from './request-log.js';
export { type OidcServer, startOidcServer } from './server.js';
