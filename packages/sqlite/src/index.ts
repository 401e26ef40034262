export type { SqliteTokenStoreOptions } from './options.js';
export { SCHEMA_VERSION } from './schema.js';
export { SqliteTokenStore } from './sqlite-token-store.js';
export { DEFAULT_TABLE, MAX_TABLE_LENGTH } from './table-names.js';
