export {
  classifyMongoError,
  DUPLICATE_KEY_CODE,
  duplicateKeyField,
  isDuplicateKeyError,
} from './mongo-errors.js';
export { type LeaseDocument, MongoTokenLocks } from './mongo-token-locks.js';
export { MongoTokenStore } from './mongo-token-store.js';
export {
  DATABASE_NAME_PATTERN,
  DEFAULT_COLLECTION,
  LEASE_COLLECTION_SUFFIX,
  type MongoTokenStoreOptions,
} from './options.js';
export { documentToToken, identityFilter, type TokenDocument } from './token-document.js';
