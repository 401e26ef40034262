// Every statement the store sends carries its own result options, so the shape of what comes back does
// not depend on the pool it runs on. A caller's pool (or options extending PoolOptions) may say
// `rowsAsArray`, `nestTables`, `namedPlaceholders` or a `typeCast` function; mysql2 applies those to every
// query that does not override them, and the store reads rows as plain objects of native values.
import type { PoolConnection, QueryOptions } from 'mysql2/promise';

type TypeCast = NonNullable<QueryOptions['typeCast']>;

/**
 * mysql2's own conversion, as a function. A per-query `typeCast: true` does not undo a pool's `typeCast`
 * function (mysql2 only lets a per-query function override it), so on such a pool the store passes this
 * one. Elsewhere it passes `true`: a function makes mysql2 build a field wrapper per value, which made
 * reading 200 tokens about ten times slower in the benchmark.
 */
const nativeValues: TypeCast = (_field, next) => next();

/** `sql` with the result options the store reads rows with, on `conn`; `?` placeholders, values as an array. */
export function statement(conn: PoolConnection, sql: string): QueryOptions {
  const poolTypeCast = conn.connection?.config?.typeCast;
  return {
    sql,
    rowsAsArray: false,
    nestTables: false,
    namedPlaceholders: false,
    typeCast: typeof poolTypeCast === 'function' ? nativeValues : true,
  };
}
