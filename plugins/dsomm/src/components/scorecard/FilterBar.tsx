import { useMemo } from 'react';
import {
  SCORECARD_GROUP_BY,
  ScorecardFilterKey,
  ScorecardGroupBy,
} from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import { FILTER_LABELS, PAGE_FILTERS, valueLabel } from './format';
import { LabelledSelect } from './LabelledSelect';
import { FilterOptions } from './useFilterOptions';
import { ScorecardFilters } from './useScorecardParams';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(125px, 1fr))',
    alignItems: 'start',
    gap: theme.spacing(0, 1.5),
    marginBottom: theme.spacing(2),
  },
  field: {
    minWidth: 0,
  },
  clear: {
    justifySelf: 'start',
    whiteSpace: 'nowrap',
    // Level with the selects.
    marginTop: theme.spacing(1.25),
  },
}));

function FilterSelect(props: {
  field: ScorecardFilterKey;
  options: string[];
  selected: string[] | undefined;
  onChange: (field: ScorecardFilterKey, values: string[]) => void;
}) {
  const { field, options, selected, onChange } = props;
  const classes = useStyles();
  // Chosen values stay selectable even when the option lists do not (yet) have them.
  const items = useMemo(
    () =>
      [...new Set([...options, ...(selected ?? [])])].map(value => ({
        value,
        label: valueLabel(field, value),
      })),
    [field, options, selected],
  );
  return (
    <div className={classes.field}>
      <LabelledSelect
        id={`dsomm-scorecard-filter-${field}`}
        multiple
        label={FILTER_LABELS[field]}
        items={items}
        selected={selected ?? []}
        onChange={values => onChange(field, values)}
      />
    </div>
  );
}

const GROUP_BY_ITEMS = SCORECARD_GROUP_BY.map(value => ({
  value,
  label: FILTER_LABELS[value],
}));

/** Group-by select, one multi-select per filter, and a button clearing the filters. */
export function FilterBar(props: {
  groupBy: ScorecardGroupBy;
  filters: ScorecardFilters;
  options: FilterOptions;
  onGroupByChange: (groupBy: ScorecardGroupBy) => void;
  onFilterChange: (field: ScorecardFilterKey, values: string[]) => void;
  onClear: () => void;
}) {
  const { groupBy, filters, options, onGroupByChange, onFilterChange } = props;
  const classes = useStyles();
  const filtered = Object.keys(filters).length > 0;
  return (
    <Box className={classes.bar} role="group" aria-label="Scorecard filters">
      <div className={classes.field}>
        <LabelledSelect
          id="dsomm-scorecard-group-by"
          label="Group by"
          items={GROUP_BY_ITEMS}
          selected={groupBy}
          onChange={value => onGroupByChange(value as ScorecardGroupBy)}
        />
      </div>
      {PAGE_FILTERS.map(field => (
        <FilterSelect
          key={field}
          field={field}
          options={options[field]}
          selected={filters[field]}
          onChange={onFilterChange}
        />
      ))}
      <Button
        className={classes.clear}
        onClick={props.onClear}
        disabled={!filtered}
      >
        Clear filters
      </Button>
    </Box>
  );
}
