import { useApi } from '@backstage/core-plugin-api';
import {
  MAX_SCORECARD_GROUPS_LIMIT,
  SCORECARD_GROUP_BY,
  ScorecardFilterKey,
  ScorecardRow,
} from '@dsomm/plugin-dsomm-common';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';

export type FilterOptions = Record<ScorecardFilterKey, string[]>;

/** Rows sampled for the kind and lifecycle options, which the API cannot group by. */
export const OPTION_SAMPLE_SIZE = 200;

const NO_OPTIONS: FilterOptions = emptyOptions();

function emptyOptions(): FilterOptions {
  return {
    owner: [],
    system: [],
    domain: [],
    tier: [],
    kind: [],
    lifecycle: [],
    type: [],
  };
}

function distinct(
  rows: ScorecardRow[],
  field: 'kind' | 'lifecycle' | 'specType',
) {
  return [
    ...new Set(rows.map(row => row[field]).filter((v): v is string => !!v)),
  ].sort((a, b) => a.localeCompare(b));
}

/**
 * The options with the kinds, lifecycles and types of more rows added (those the components
 * table loaded): the sample of the option call alone can miss a type a later page shows.
 * The same object when the rows add nothing, so callers can keep it in state cheaply.
 */
export function withRowValues(
  options: FilterOptions,
  rows: ScorecardRow[],
): FilterOptions {
  const merge = (known: string[], field: 'kind' | 'lifecycle' | 'specType') => {
    const seen = distinct(rows, field).filter(value => !known.includes(value));
    return seen.length === 0
      ? known
      : [...known, ...seen].sort((a, b) => a.localeCompare(b));
  };
  const kind = merge(options.kind, 'kind');
  const lifecycle = merge(options.lifecycle, 'lifecycle');
  const type = merge(options.type, 'specType');
  if (
    kind === options.kind &&
    lifecycle === options.lifecycle &&
    type === options.type
  ) {
    return options;
  }
  return { ...options, kind, lifecycle, type };
}

/**
 * The values each filter can take, from one unfiltered scorecard call per groupable field (its
 * group keys; one row each, except the tier call which also samples rows for kind and
 * lifecycle). A failed call leaves its options empty: the selects still show chosen values.
 */
export function useFilterOptions(): FilterOptions {
  const dsommApi = useApi(dsommApiRef);
  const { value } = useAsync(async () => {
    const options = emptyOptions();
    const results = await Promise.allSettled(
      SCORECARD_GROUP_BY.map(groupBy =>
        dsommApi.getScorecard({
          groupBy,
          limit: groupBy === 'tier' ? OPTION_SAMPLE_SIZE : 1,
          // Every group's key is an option: as many as one answer holds.
          groupsLimit: MAX_SCORECARD_GROUPS_LIMIT,
        }),
      ),
    );
    results.forEach((result, i) => {
      if (result.status !== 'fulfilled') return;
      const groupBy = SCORECARD_GROUP_BY[i];
      options[groupBy] = result.value.groups.map(group => group.key);
      if (groupBy === 'tier') {
        options.kind = distinct(result.value.rows, 'kind');
        options.lifecycle = distinct(result.value.rows, 'lifecycle');
        options.type = distinct(result.value.rows, 'specType');
      }
    });
    return options;
  }, [dsommApi]);
  return value ?? NO_OPTIONS;
}
