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

function whereCriteria(
  qb: Knex.QueryBuilder,
  criteria: ColumnCriteria,
  prefix: string,
): void {
  if ('allOf' in criteria) {
    if (criteria.allOf.length === 0) return;
    for (const c of criteria.allOf) {
      qb.andWhere(inner => whereCriteria(inner, c, prefix));
    }
  } else if ('anyOf' in criteria) {
    if (criteria.anyOf.length === 0) {
      qb.whereRaw('1 = 0');
      return;
    }
    for (const c of criteria.anyOf) {
      qb.orWhere(inner => whereCriteria(inner, c, prefix));
    }
  } else if ('not' in criteria) {
    qb.whereNot(inner => whereCriteria(inner, criteria.not, prefix));
  } else {
    const column = `${prefix}${criteria.column}`;
    // `is not null` first, so that a negation also keeps rows without a value (an entity
    // without an owner is not owned by anyone), as the catalog itself decides.
    qb.whereNotNull(column).whereIn(column, criteria.values);
  }
}

/**
 * Restricts `query` to the rows `visibility` allows; `prefix` qualifies the columns of the
 * scores table (e.g. `s.`). A ref set is passed as one bound parameter (a JSON array on SQLite,
 * a text array on PostgreSQL), so any number of refs stays under the bound-parameter limits.
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
        whereCriteria(qb, visibility.criteria, prefix),
      ) as T;
    case 'refs': {
      const column = `${prefix}entity_ref`;
      if (knex.client.dialect === 'postgresql') {
        return query.whereRaw('?? = any(?::text[])', [
          column,
          visibility.refs,
        ]) as T;
      }
      return query.whereRaw('?? in (select value from json_each(?))', [
        column,
        JSON.stringify(visibility.refs),
      ]) as T;
    }
    default:
      throw new Error('unknown visibility');
  }
}
