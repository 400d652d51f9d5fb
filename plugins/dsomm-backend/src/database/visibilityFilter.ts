import { Knex } from 'knex';

/** Stored score columns that catalog permission rules can be translated to. */
export type VisibilityColumn = 'kind' | 'owner';

/** A condition on stored score columns, the SQL form of catalog permission criteria. */
export type ColumnCriteria =
  | { allOf: ColumnCriteria[] }
  | { anyOf: ColumnCriteria[] }
  | { not: ColumnCriteria }
  | { column: VisibilityColumn; values: string[] };

/**
 * Which stored scores a caller may read: all, none, those matching a condition on the stored
 * columns, or an explicit set of entity refs (what the catalog returned to the caller).
 */
export type Visibility =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'criteria'; criteria: ColumnCriteria }
  | { type: 'refs'; refs: string[] };

export const VISIBLE_TO_ALL: Visibility = { type: 'all' };

/** Values up to which a list is bound one parameter per value (the usual, indexed `in`). */
const INLINE_VALUES = 100;

/**
 * `column in values`. A long list (a ref set, or a user in very many groups) is bound as one
 * parameter, a JSON array on SQLite and a text array on PostgreSQL, so any number of values
 * stays under the databases' bound-parameter limits.
 */
export function whereInList(
  knex: Knex,
  qb: Knex.QueryBuilder,
  column: string,
  values: string[],
): void {
  if (values.length <= INLINE_VALUES) {
    qb.whereIn(column, values);
  } else if (knex.client.dialect === 'postgresql') {
    qb.whereRaw('?? = any(?::text[])', [column, values]);
  } else {
    qb.whereRaw('?? in (select value from json_each(?))', [
      column,
      JSON.stringify(values),
    ]);
  }
}

function whereCriteria(
  knex: Knex,
  qb: Knex.QueryBuilder,
  criteria: ColumnCriteria,
  prefix: string,
): void {
  if ('allOf' in criteria) {
    if (criteria.allOf.length === 0) return;
    for (const c of criteria.allOf) {
      qb.andWhere(inner => whereCriteria(knex, inner, c, prefix));
    }
  } else if ('anyOf' in criteria) {
    if (criteria.anyOf.length === 0) {
      qb.whereRaw('1 = 0');
      return;
    }
    for (const c of criteria.anyOf) {
      qb.orWhere(inner => whereCriteria(knex, inner, c, prefix));
    }
  } else if ('not' in criteria) {
    qb.whereNot(inner => whereCriteria(knex, inner, criteria.not, prefix));
  } else {
    const column = `${prefix}${criteria.column}`;
    // `is not null` first, so that a negation also keeps rows without a value (an entity
    // without an owner is not owned by anyone), as the catalog itself decides.
    qb.whereNotNull(column);
    whereInList(knex, qb, column, criteria.values);
  }
}

/**
 * Restricts `query` to the rows `visibility` allows; `prefix` qualifies the columns of the
 * scores table (e.g. `s.`).
 */
export function applyVisibility<T extends Knex.QueryBuilder>(
  knex: Knex,
  query: T,
  visibility: Visibility,
  prefix = '',
): T {
  switch (visibility.type) {
    case 'all':
      return query;
    case 'none':
      return query.whereRaw('1 = 0') as T;
    case 'criteria':
      return query.where(qb =>
        whereCriteria(knex, qb, visibility.criteria, prefix),
      ) as T;
    case 'refs':
      return query.where(qb =>
        whereInList(knex, qb, `${prefix}entity_ref`, visibility.refs),
      ) as T;
    default:
      throw new Error('unknown visibility');
  }
}
