// Every statement the store sends carries its own result options, so the shape of what comes back does
// not depend on the pool it runs on. A caller's pool (or options extending PoolOptions) may say
// `rowsAsArray`, `nestTables`, `namedPlaceholders` or a `typeCast` function; mysql2 applies those to every
// query that does not override them, and the store reads rows as plain objects of native values.
import type { QueryOptions } from 'mysql2/promise';

type TypeCast = NonNullable<QueryOptions['typeCast']>;

/**
 * mysql2's own conversion. A per-query `typeCast: true` does not do it: mysql2 then still applies a pool's
 * `typeCast` function (it only yields to a per-query function), so the store passes this one.
 */
const nativeValues: TypeCast = (_field, next) => next();

/** `sql` with the result options the store reads rows with; `?` placeholders, values as an array. */
export function statement(sql: string): QueryOptions {
  return { sql, rowsAsArray: false, nestTables: false, namedPlaceholders: false, typeCast: nativeValues };
}
