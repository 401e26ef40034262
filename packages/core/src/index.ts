export {
  isTokenStoreError,
  RETRYABLE_CODES,
  scrubbedError,
  scrubSecrets,
  TOKEN_STORE_ERROR_CODES,
  TokenStoreError,
  type TokenStoreErrorCode,
  type TokenStoreErrorOptions,
} from './errors.js';
export { type Identity, identityOf, matchesIdentity } from './identity.js';
export { MemorySpace, MemoryTokenStore, type MemoryTokenStoreOptions } from './memory-token-store.js';
export { conflictError, planSave, type SavePlan, saveIdentity, sharedUniqueField } from './save-plan.js';
export { assertSqlIdentifier, SQL_IDENTIFIER_PATTERN } from './sql-identifier.js';
export { type ErrorClassifier, StoreOperations } from './store-operations.js';
export {
  assertTokenId,
  CREDENTIAL_FIELDS,
  hasCredential,
  MAX_VALUE_BYTES,
  normalizeToken,
  type OAuthToken,
  plainToken,
  protectToken,
  redactToken,
  SECRET_FIELDS,
  type StoredToken,
  type StringTokenField,
  secretsOf,
  TOKEN_FIELDS,
  type TokenField,
  UNIQUE_FIELDS,
} from './token.js';
export { newTokenId, TOKEN_ID_LENGTH } from './token-id.js';
export {
  acquireLock,
  assertLockHolder,
  assertLockKey,
  LOCK_HOLDER_PATTERN,
  LOCK_KEY_PATTERN,
  type LockLease,
  type LockOptions,
  newLockHolder,
  type TokenLocks,
  withLock,
} from './token-locks.js';
export { hasLocks, type LockingTokenStore, type TokenStore } from './token-store.js';
export {
  tokenToZohoRow,
  ZOHO_COLUMN_ORDER,
  ZOHO_COLUMNS,
  type ZohoRow,
  zohoRowToToken,
} from './zoho-columns.js';
