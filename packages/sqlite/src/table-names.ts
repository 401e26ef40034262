// The names of what the store keeps in the database, all derived from the validated `table` option: the
// tokens table itself, its lease and meta tables, and one unique index per unique token field.
import { assertSqlIdentifier, TokenStoreError, UNIQUE_FIELDS, ZOHO_COLUMNS } from '@tokens/core';

export const DEFAULT_TABLE = 'oauthtoken';

type UniqueField = (typeof UNIQUE_FIELDS)[number];

/** Suffixes of the derived names; the longest decides how long a table name may be. */
const UNIQUE_INDEX_SUFFIX: Record<UniqueField, string> = {
  userName: '_user_uq',
  accessToken: '_at_uq',
  refreshToken: '_rt_uq',
  grantToken: '_gt_uq',
};
const LEASES_SUFFIX = '_leases';
const META_SUFFIX = '_meta';

/** The derived names must stay valid identifiers (64 characters at most) too. */
export const MAX_TABLE_LENGTH =
  64 -
  Math.max(
    LEASES_SUFFIX.length,
    META_SUFFIX.length,
    ...Object.values(UNIQUE_INDEX_SUFFIX).map((s) => s.length),
  );

export interface TableNames {
  /** The tokens table, with the ten Zoho columns. */
  readonly table: string;
  /** Lock leases: one row per held key. */
  readonly leases: string;
  /** The schema version of this namespace. */
  readonly meta: string;
  /** One partial unique index per unique field, with the column it covers. */
  readonly uniqueIndexes: readonly { field: UniqueField; column: string; index: string }[];
}

export function tableNames(table: unknown = DEFAULT_TABLE): TableNames {
  const name = assertSqlIdentifier(table, 'table', 'SqliteTokenStore');
  if (name.length > MAX_TABLE_LENGTH) {
    throw new TokenStoreError(
      'INVALID_ARGUMENT',
      `option "table" must be at most ${MAX_TABLE_LENGTH} characters: the store derives "${LEASES_SUFFIX}", "${META_SUFFIX}" and index names from it`,
      { operation: 'constructor', store: 'SqliteTokenStore' },
    );
  }
  return {
    table: name,
    leases: name + LEASES_SUFFIX,
    meta: name + META_SUFFIX,
    uniqueIndexes: UNIQUE_FIELDS.map((field) => ({
      field,
      column: ZOHO_COLUMNS[field],
      index: name + UNIQUE_INDEX_SUFFIX[field],
    })),
  };
}

/** Quotes an identifier that was validated by `tableNames` or is one of core's column names. */
export function quote(identifier: string): string {
  return `"${identifier}"`;
}
