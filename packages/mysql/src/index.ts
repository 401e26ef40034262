export { classifyMySqlError } from './mysql-errors.js';
export { MySqlTokenStore } from './mysql-token-store.js';
export type { MySqlTokenStoreOptions } from './options.js';
export { SCHEMA_VERSION } from './schema.js';
