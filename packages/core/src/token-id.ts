// Id generation: random, URL-safe, 10 characters (Zoho's tables declare `id varchar(10)`).
import { randomBytes } from 'node:crypto';

export const TOKEN_ID_LENGTH = 10;

/** A new random token id: 10 base64url characters (60 random bits). */
export function newTokenId(): string {
  return randomBytes(8).toString('base64url').slice(0, TOKEN_ID_LENGTH);
}
