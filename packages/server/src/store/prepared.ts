import { type Compilable, CompiledQuery, type Kysely, SqliteAdapter } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

/** Stands for the n-th argument while the query is built; never a value a caller could pass. */
const placeholder = (n: number) => `\u0000parley-arg-${n}\u0000`;
/** Which argument a stand-in stands for; -1 for any other value. */
const standInPrefix = placeholder(0).slice(0, -2);
const standIn = (value: string): number => {
  const prefix = standInPrefix;
  if (!value.startsWith(prefix) || !value.endsWith('\u0000')) return -1;
  const n = Number(value.slice(prefix.length, -1));
  return value === placeholder(n) ? n : -1;
};

/** A compiled query: its SQL, and for each parameter the stand-in it came from or a constant. */
interface Compiled {
  sql: string;
  slots: (number | { value: unknown })[];
}

/** Compiles a query built with stand-ins 0 … count − 1; each must turn up as a parameter. */
function compile(query: Compilable<unknown>, count: number): Compiled {
  const { sql, parameters } = query.compile();
  const slots = parameters.map((p) => {
    const n = typeof p === 'string' ? standIn(p) : -1;
    return n >= 0 && n < count ? n : { value: p };
  });
  const used = new Set(slots.filter((s) => typeof s === 'number'));
  if (used.size !== count) throw new Error('prepared: each argument must be used as a value');
  return { sql, slots };
}

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
  const compiled = new Map<unknown, Compiled>();
  return async (db, ...args) => {
    // One compiled form per dialect: keyed by the adapter's class.
    const key = db.getExecutor().adapter.constructor;
    let query = compiled.get(key);
    if (!query) {
      const stand = args.map((_, n) => placeholder(n)) as unknown as Args;
      query = compile(build(db, ...stand), args.length);
      compiled.set(key, query);
    }
    const parameters = query.slots.map((s) => (typeof s === 'number' ? args[s] : s.value));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
}

/**
 * The longest list one SQLite statement of a `preparedList` runs with; a longer list runs in
 * statements of this many items and one of the rest. So there are at most this many texts of
 * each list statement, each prepared once: with a text for every length, a saturated node kept
 * preparing statements of hundreds of rows that its statement cache had dropped
 * (store/connect.ts), and Kysely kept building them. A statement more per 64 items costs SQLite
 * a few microseconds.
 */
const sqliteChunk = 64;

/**
 * `prepared` for a statement over a list (an `in` list, a `values` list, a `case` with a branch
 * per item): built and compiled once per dialect and list length, for the lengths used lately,
 * then run with the items' values. A batch of sends at light load holds one or two messages,
 * and building its six statements cost more than running them. `build` receives stand-in items
 * whose every field in `fields` is a stand-in value, and must use each only as a value, as with
 * `prepared`; fields not listed are not there. Missing values (undefined) run as null.
 *
 * On SQLite a list longer than `sqliteChunk` runs as several statements, their rows answered
 * together, so the statement must treat each item on its own: no order, limit or aggregate
 * across items. PostgreSQL runs the whole list at once: there each statement is a round trip,
 * which costs more than parsing a new text.
 */
export function preparedList<Item, Row>(
  fields: readonly (keyof Item & string)[],
  build: (db: Db, items: readonly Item[]) => Compilable<Row>,
  lengths = sqliteChunk,
): (db: Db, items: readonly Item[]) => Promise<Row[]> {
  const compiled = new Map<unknown, LRUCache<number, Compiled>>();
  const run = async (db: Db, dialect: unknown, items: readonly Item[]): Promise<Row[]> => {
    let byLength = compiled.get(dialect);
    if (!byLength) compiled.set(dialect, (byLength = new LRUCache({ max: lengths })));
    let query = byLength.get(items.length);
    if (!query) {
      const stand = items.map((_, i) =>
        Object.fromEntries(fields.map((field, f) => [field, placeholder(i * fields.length + f)])),
      ) as Item[];
      query = compile(build(db, stand), items.length * fields.length);
      byLength.set(items.length, query);
    }
    const parameters = query.slots.map((s) => {
      if (typeof s !== 'number') return s.value;
      const value = items[Math.floor(s / fields.length)]![fields[s % fields.length]!];
      return value === undefined ? null : value;
    });
    const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
  return async (db, items) => {
    if (items.length === 0) throw new Error('preparedList: no items');
    const adapter = db.getExecutor().adapter;
    if (!(adapter instanceof SqliteAdapter) || items.length <= sqliteChunk) {
      return run(db, adapter.constructor, items);
    }
    const rows: Row[] = [];
    for (let at = 0; at < items.length; at += sqliteChunk) {
      rows.push(...(await run(db, adapter.constructor, items.slice(at, at + sqliteChunk))));
    }
    return rows;
  };
}
