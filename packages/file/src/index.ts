export { FileTokenStore } from './file-token-store.js';
export type { FileTokenStoreOptions } from './file-token-store-options.js';
export { FILE_FORMAT, FILE_FORMAT_VERSION } from './token-document.js';
