import { ActivityStatus } from '@dsomm/plugin-dsomm-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EvidenceOrigin } from './inheritance';

/** Status filter values: an activity status, or its place against the target. */
export type StatusFilter = ActivityStatus | 'needed' | 'beyond' | '';

export interface ActivityFilters {
  status: StatusFilter;
  level: string;
  dimension: string;
  /** Rows with evidence of the component's own, or inherited from a scope. */
  origin: EvidenceOrigin;
  text: string;
}

const STATUS_VALUES: StatusFilter[] = [
  'needed',
  'beyond',
  'implemented',
  'stale',
  'missing',
  'not-applicable',
];

/** Id of the activities card, for links that scroll to it. */
export const ACTIVITIES_ANCHOR = 'dsomm-activities';

/** Search parameter names; `activity` holds the key of the activity whose drawer is open. */
export const URL_PARAMS = {
  status: 'status',
  level: 'level',
  dimension: 'dimension',
  origin: 'evidence',
  text: 'q',
  activity: 'activity',
} as const;

/**
 * Reads the activity filters from search parameters. Without a `status` parameter the status
 * filter is `defaultStatus`; `status=all` means no status filter, so that choosing "All" on a
 * component below target survives a reload. Unknown values fall back to no filter.
 */
export function filtersFromParams(
  params: URLSearchParams,
  defaultStatus: StatusFilter,
): ActivityFilters {
  const status = params.get(URL_PARAMS.status);
  const origin = params.get(URL_PARAMS.origin);
  return {
    status:
      status === null
        ? defaultStatus
        : STATUS_VALUES.find(s => s === status) ?? '',
    level: /^[1-5]$/.test(params.get(URL_PARAMS.level) ?? '')
      ? params.get(URL_PARAMS.level)!
      : '',
    dimension: params.get(URL_PARAMS.dimension) ?? '',
    origin: origin === 'own' || origin === 'inherited' ? origin : '',
    text: params.get(URL_PARAMS.text) ?? '',
  };
}

/** Writes filters into a copy of the search parameters, leaving unrelated ones alone. */
export function paramsWithFilters(
  params: URLSearchParams,
  filters: ActivityFilters,
  defaultStatus: StatusFilter,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string) => {
    if (value) next.set(name, value);
    else next.delete(name);
  };
  if (filters.status === defaultStatus) next.delete(URL_PARAMS.status);
  else next.set(URL_PARAMS.status, filters.status || 'all');
  set(URL_PARAMS.level, filters.level);
  set(URL_PARAMS.dimension, filters.dimension);
  set(URL_PARAMS.origin, filters.origin);
  set(URL_PARAMS.text, filters.text);
  return next;
}

/**
 * The activity table's filters and the open activity drawer, kept in the page URL so that a
 * link can point at one activity of one component, and the back button closes the drawer.
 */
export function useActivityUrlState(defaultStatus: StatusFilter) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () => filtersFromParams(params, defaultStatus),
    [params, defaultStatus],
  );
  const openKey = params.get(URL_PARAMS.activity) ?? undefined;
  const setFilters = useCallback(
    (next: ActivityFilters) =>
      // Typing in the name filter should not fill the history with one entry per key.
      setParams(current => paramsWithFilters(current, next, defaultStatus), {
        replace: true,
      }),
    [setParams, defaultStatus],
  );
  const openActivity = useCallback(
    (key: string) =>
      setParams(current => {
        const next = new URLSearchParams(current);
        next.set(URL_PARAMS.activity, key);
        return next;
      }),
    [setParams],
  );
  const closeActivity = useCallback(
    () =>
      setParams(current => {
        const next = new URLSearchParams(current);
        next.delete(URL_PARAMS.activity);
        return next;
      }),
    [setParams],
  );
  return { filters, setFilters, openKey, openActivity, closeActivity };
}
