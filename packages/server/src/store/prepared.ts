import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

/** Stands for the n-th argument while the query is built; never a value a caller could pass. */
const placeholder = (n: number) => `\u0000parley-arg-${n}\u0000`;

/**
 * A query of fixed shape, built and compiled by Kysely once per dialect and then run with new
 * values: building costs more than running the small indexed queries of the hot paths (the
 * WebSocket hello, the send). `build` receives stand-ins for the arguments (strings, whatever
 * the declared types), in order, and must
 * use each only as a value (a `where` operand, an inserted value): never in an `in` list whose
 * length changes, never in raw SQL text. The SQL is the same for a transaction as for the
 * database it came from.
 */
export function prepared<Args extends readonly unknown[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<Row[]> {
  const compiled = new Map<unknown, { sql: string; slots: (number | { value: unknown })[] }>();
  return async (db, ...args) => {
    // One compiled form per dialect: keyed by the adapter's class.
    const key = db.getExecutor().adapter.constructor;
    let query = compiled.get(key);
    if (!query) {
      const stand = args.map((_, n) => placeholder(n)) as unknown as Args;
      const { sql, parameters } = build(db, ...stand).compile();
      query = {
        sql,
        slots: parameters.map((p) => {
          const n = args.findIndex((_, i) => p === placeholder(i));
          return n >= 0 ? n : { value: p };
        }),
      };
      const used = new Set(query.slots.filter((s) => typeof s === 'number'));
      if (used.size !== args.length) throw new Error('prepared: each argument must be used as a value');
      compiled.set(key, query);
    }
    const parameters = query.slots.map((s) => (typeof s === 'number' ? args[s] : s.value));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
}
