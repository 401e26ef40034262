export { classifyRedisError, RedisTimeoutError } from './error-classifier.js';
export { PREFIX_PATTERN } from './keys.js';
export { DEFAULT_OPERATION_TIMEOUT_MS, DEFAULT_PREFIX, type RedisTokenStoreOptions } from './options.js';
export { RedisTokenStore } from './redis-token-store.js';
