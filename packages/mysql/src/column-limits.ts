// What each column of the table can hold, read from information_schema at init, and the check that
// refuses a value a column would truncate or mangle, before anything is written, whatever the sql_mode.
import { type TokenField, TokenStoreError, ZOHO_COLUMN_ORDER, ZOHO_COLUMNS } from '@tokens/core';

/** One row of information_schema.COLUMNS (joined with CHARACTER_SETS for the bytes per character). */
export interface ColumnInfo {
  name: string;
  dataType: string;
  maxChars: number | null;
  maxBytes: number | null;
  charset: string | null;
  bytesPerChar: number | null;
}

interface ColumnLimit {
  /** VARCHAR/CHAR count characters (code points); TEXT and binary types count bytes. */
  unit: 'chars' | 'bytes';
  max: number;
  /** Bytes a value takes, counted as the column's charset stores it. */
  bytes: (value: string) => number;
  /** Whether the charset holds every character of the value (else the server would store '?'). */
  holds: (value: string) => boolean;
}

export type ColumnLimits = ReadonlyMap<TokenField, ColumnLimit>;

const codePoints = (value: string): number => {
  let n = 0;
  for (const _ of value) n++;
  return n;
};
const utf8Bytes = (value: string): number => Buffer.byteLength(value, 'utf8');
const everyCodePoint = (value: string, ok: (cp: number) => boolean): boolean => {
  for (const c of value) if (!ok(c.codePointAt(0)!)) return false;
  return true;
};
const ascii = (value: string): boolean => everyCodePoint(value, (cp) => cp < 0x80);

function charsetRules(charset: string | null, bytesPerChar: number): Pick<ColumnLimit, 'bytes' | 'holds'> {
  // A binary column (no charset) stores the utf8mb4 bytes the connection sends.
  if (charset === null || charset === 'binary' || charset === 'utf8mb4') {
    return { bytes: utf8Bytes, holds: () => true };
  }
  if (charset === 'utf8mb3' || charset === 'utf8') {
    return { bytes: utf8Bytes, holds: (v) => !/[\u{10000}-\u{10ffff}]/u.test(v) };
  }
  // MySQL's latin1 is cp1252: ASCII and U+00A0-U+00FF are the same one byte in both.
  if (charset === 'latin1')
    return {
      bytes: codePoints,
      holds: (v) => everyCodePoint(v, (cp) => cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)),
    };
  // Any other charset: only ASCII is taken on trust, at the charset's widest bytes per character.
  return { bytes: (v) => codePoints(v) * bytesPerChar, holds: ascii };
}

const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext']);
const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);

/** The limits of the Zoho columns among `columns`; numeric columns (an INT expiry_time) are left to the server. */
export function columnLimits(columns: readonly ColumnInfo[]): ColumnLimits {
  const limits = new Map<TokenField, ColumnLimit>();
  for (const field of ZOHO_COLUMN_ORDER) {
    const info = columns.find((c) => c.name === ZOHO_COLUMNS[field]);
    if (!info) continue;
    const type = info.dataType.toLowerCase();
    if (!TEXT_TYPES.has(type) && !BINARY_TYPES.has(type)) continue;
    const rules = charsetRules(info.charset?.toLowerCase() ?? null, info.bytesPerChar ?? 4);
    const byChars = type === 'char' || type === 'varchar';
    const max = (byChars ? info.maxChars : info.maxBytes) ?? Number.MAX_SAFE_INTEGER;
    limits.set(field, { unit: byChars ? 'chars' : 'bytes', max, ...rules });
  }
  return limits;
}

/** Throws INVALID_TOKEN, naming the field and the column's size but never the value, when one does not fit. */
export function assertFits(token: object, limits: ColumnLimits, operation: string): void {
  for (const [field, value] of Object.entries(token) as [TokenField, unknown][]) {
    const limit = limits.get(field);
    if (!limit || value === undefined) continue;
    const text = String(value);
    if (!limit.holds(text)) {
      throw new TokenStoreError(
        'INVALID_TOKEN',
        `${field} holds characters the ${ZOHO_COLUMNS[field]} column's character set cannot store`,
        { operation },
      );
    }
    const size = limit.unit === 'chars' ? codePoints(text) : limit.bytes(text);
    if (size > limit.max) {
      throw new TokenStoreError(
        'INVALID_TOKEN',
        `${field} is longer than the ${ZOHO_COLUMNS[field]} column holds (${limit.max} ${limit.unit === 'chars' ? 'characters' : 'bytes'})`,
        { operation },
      );
    }
  }
}
