import { Knex } from 'knex';

/** The statement text of each shape of upsert seen, so a recompute builds each once. */
const statements = new Map<string, string>();
const MAX_STATEMENTS = 64;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Inserts `rows` into `table`, or on a conflict of `conflict` updates `merge` (all other
 * columns by default) from the new row, where `mergeWhere` (SQL over the table and `excluded`)
 * holds. The same statement on SQLite and PostgreSQL, with one bound value per cell.
 *
 * Knex's query builder does this too, but compiling its multi-row insert (SQLite's as a chain of
 * `union all` selects) cost a full recompute more than running the statements; here the text
 * depends only on the table, the columns and the number of rows, and is made once.
 */
export async function upsertRows(
  knex: Knex,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  options: { conflict: string[]; merge?: string[]; mergeWhere?: string },
): Promise<void> {
  if (rows.length === 0) return;
  // Every column any row has: a row without one binds null there.
  const seen = new Set<string>();
  for (const row of rows)
    for (const column of Object.keys(row)) seen.add(column);
  const columns = [...seen];
  const merge =
    options.merge ?? columns.filter(c => !options.conflict.includes(c));
  const key = [
    table,
    columns.join(','),
    rows.length,
    options.conflict.join(','),
    merge.join(','),
    options.mergeWhere ?? '',
  ].join('|');
  let sql = statements.get(key);
  if (sql === undefined) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const values = Array(rows.length).fill(tuple).join(',');
    const updates = merge
      .map(c => `${quote(c)} = excluded.${quote(c)}`)
      .join(',');
    const where = options.mergeWhere ? ` where ${options.mergeWhere}` : '';
    const onConflict =
      merge.length === 0 ? 'do nothing' : `do update set ${updates}${where}`;
    sql = `insert into ${quote(table)} (${columns
      .map(quote)
      .join(',')}) values ${values} on conflict (${options.conflict
      .map(quote)
      .join(',')}) ${onConflict}`;
    // A few shapes recur (one per table and batch size); anything else is not worth keeping.
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(key, sql);
  }
  const bindings: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column];
      bindings[i++] = value === undefined ? null : value;
    }
  }
  await knex.raw(sql, bindings as Knex.RawBinding[]);
}
