import { type RawBuilder, sql } from 'kysely';

/**
 * `lower(column) like '%text%'` with LIKE's wildcards escaped, so a search for "a_b" or "50%"
 * means those characters. SQLite's lower() is replaced at connect (store/connect.ts) so both
 * databases fold case in every script.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
