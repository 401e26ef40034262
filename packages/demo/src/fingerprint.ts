// How the demo shows a secret without printing it: a short SHA-256 fingerprint and the length. Two
// fingerprints are equal exactly when the tokens are, which is all a reader needs to follow the story.
import { createHash } from 'node:crypto';

export function fingerprint(secret: string | undefined): string {
  if (!secret) return '(none)';
  return `#${createHash('sha256').update(secret).digest('hex').slice(0, 8)} (${secret.length} chars)`;
}
