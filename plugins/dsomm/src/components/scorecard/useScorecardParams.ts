import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  SCORECARD_FILTERS,
  SCORECARD_GROUP_BY,
  SCORECARD_SORT_FIELDS,
  ScorecardFilterKey,
  ScorecardGroupBy,
  ScorecardSortField,
} from '@dsomm/plugin-dsomm-common';

export type ScorecardFilters = Partial<Record<ScorecardFilterKey, string[]>>;

/** Paging and sorting of the components table. */
export interface RowsView {
  sort?: ScorecardSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T | undefined {
  return allowed.find(a => a === value);
}

function parseFilters(params: URLSearchParams): ScorecardFilters {
  const filters: ScorecardFilters = {};
  for (const key of SCORECARD_FILTERS) {
    const values = params
      .getAll(key)
      .flatMap(v => v.split(','))
      .map(v => v.trim())
      .filter(v => v !== '');
    if (values.length > 0) filters[key] = [...new Set(values)];
  }
  return filters;
}

/** The filters alone, as a canonical query string. */
function filtersQuery(filters: ScorecardFilters): string {
  const query = new URLSearchParams();
  for (const key of SCORECARD_FILTERS) {
    for (const value of filters[key] ?? []) query.append(key, value);
  }
  return query.toString();
}

function parseRowsView(params: URLSearchParams): RowsView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    sort: oneOf(params.get('sort'), SCORECARD_SORT_FIELDS),
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/**
 * The scorecard's state, kept in the URL query string so that a view can be shared: `groupBy`,
 * one repeated parameter per filter (`tier=critical&tier=standard`), and the components table's
 * `sort`, `order`, `page` and `pageSize`.
 */
export function useScorecardParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const groupBy: ScorecardGroupBy =
    oneOf(searchParams.get('groupBy'), SCORECARD_GROUP_BY) ?? 'owner';
  // Objects are rebuilt only when their part of the URL changes, so that paging the table does
  // not reload the aggregates.
  const filtersKey = filtersQuery(parseFilters(searchParams));
  const filters = useMemo(
    () => parseFilters(new URLSearchParams(filtersKey)),
    [filtersKey],
  );
  const { sort, order, page, pageSize } = parseRowsView(searchParams);
  const rowsView = useMemo(
    () => ({ sort, order, page, pageSize }),
    [sort, order, page, pageSize],
  );

  const update = useCallback(
    (change: (next: URLSearchParams) => void, replace = false) =>
      setSearchParams(
        prev => {
          const next = new URLSearchParams(prev);
          change(next);
          return next;
        },
        { replace },
      ),
    [setSearchParams],
  );

  const setGroupBy = useCallback(
    (value: ScorecardGroupBy) => update(next => next.set('groupBy', value)),
    [update],
  );

  const setFilter = useCallback(
    (key: ScorecardFilterKey, values: string[]) =>
      update(next => {
        next.delete(key);
        for (const value of values) next.append(key, value);
        next.delete('page');
      }),
    [update],
  );

  const clearFilters = useCallback(
    () =>
      update(next => {
        for (const key of SCORECARD_FILTERS) next.delete(key);
        next.delete('page');
      }),
    [update],
  );

  const setRowsView = useCallback(
    (view: Partial<RowsView>) =>
      update(next => {
        if ('sort' in view) {
          if (view.sort) next.set('sort', view.sort);
          else next.delete('sort');
        }
        if (view.order) next.set('order', view.order);
        if (view.page !== undefined) {
          if (view.page > 0) next.set('page', String(view.page));
          else next.delete('page');
        }
        if (view.pageSize !== undefined) {
          next.set('pageSize', String(view.pageSize));
        }
      }, true),
    [update],
  );

  return {
    groupBy,
    filters,
    filtersKey,
    rowsView,
    setGroupBy,
    setFilter,
    clearFilters,
    setRowsView,
  };
}
