import { useCallback, useMemo, useRef, useState } from 'react';
import {
  ContentHeader,
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  GroupAggregate,
  SCORECARD_FILTERS,
  ScorecardRow,
} from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';
import { ComponentsTable } from './ComponentsTable';
import { ExportCsvButton } from './ExportCsvButton';
import { FilterBar } from './FilterBar';
import { FILTER_LABELS, valueLabel } from './format';
import { GROUPS_PAGE_SIZE, GroupTable } from './GroupTable';
import { LevelDistribution } from './LevelDistribution';
import { ModelCard } from './ModelCard';
import { SummaryCard } from './SummaryCard';
import { TargetsCard } from './TargetsCard';
import { TREND_DAYS, TrendCard } from './TrendCard';
import { OutcomesStrip } from './OutcomesStrip';
import { useFilterOptions, withRowValues } from './useFilterOptions';
import { ScorecardFilters, useScorecardParams } from './useScorecardParams';
import { useFocusRingStyles } from '../common/focusRing';
import { useCampaignsPath } from '../common/useScorecardPath';

/** Dimension names in the order of the aggregates (the backend sorts them). */
function dimensionsOf(total: GroupAggregate, groups: GroupAggregate[]) {
  const names = new Set(Object.keys(total.dimensions));
  for (const group of groups) {
    for (const name of Object.keys(group.dimensions)) names.add(name);
  }
  return [...names];
}

/** E.g. `Owner: team-a, team-b · Tier: critical`, or undefined without filters. */
export function describeFilters(filters: ScorecardFilters): string | undefined {
  const parts = SCORECARD_FILTERS.filter(key => filters[key]?.length).map(
    key =>
      `${FILTER_LABELS[key]}: ${filters[key]!.map(value =>
        valueLabel(key, value),
      ).join(', ')}`,
  );
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * The organisation-wide scorecard: aggregates per group, the spread of overall levels, the
 * trend of the share meeting target, and the matching components, all under the filters in
 * the URL.
 */
export function Scorecard() {
  const dsommApi = useApi(dsommApiRef);
  const params = useScorecardParams();
  const campaignsPath = useCampaignsPath();
  const { groupBy, filters, filtersKey, rowsView } = params;
  const { setFilter, setRowsView } = params;
  const sampled = useFilterOptions();
  // Rows the components table loaded add their types to the options (see withRowValues).
  const [seenRows, setSeenRows] = useState<ScorecardRow[]>([]);
  const onRowsLoaded = useCallback(
    (rows: ScorecardRow[]) => setSeenRows(seen => [...seen, ...rows]),
    [],
  );
  const options = useMemo(
    () => withRowValues(sampled, seenRows),
    [sampled, seenRows],
  );
  const componentsRef = useRef<HTMLDivElement>(null);
  const focus = useFocusRingStyles();

  // The page of groups: back to the first one when the grouping or the filters change.
  const groupsView = `${groupBy}?${filtersKey}`;
  const [groupsPage, setGroupsPage] = useState({ view: groupsView, offset: 0 });
  const groupsOffset = groupsPage.view === groupsView ? groupsPage.offset : 0;
  const showGroups = useCallback(
    (offset: number) => setGroupsPage({ view: groupsView, offset }),
    [groupsView],
  );

  // Aggregates and one page of groups only: the components table fetches its own pages.
  const { value, loading, error } = useAsync(
    async () =>
      dsommApi.getScorecard({
        groupBy,
        filters,
        limit: 1,
        groupsOffset,
        groupsLimit: GROUPS_PAGE_SIZE,
      }),
    [dsommApi, groupBy, filters, groupsOffset],
  );

  // One fetch serves the trend card and the Outcomes strip's arrows.
  const trend = useAsync(
    async () => dsommApi.getScorecardTrend(filters, TREND_DAYS),
    [dsommApi, filters],
  );

  const drillDown = useCallback(
    (key: string) => {
      setFilter(groupBy, [key]);
      componentsRef.current?.scrollIntoView?.({ behavior: 'smooth' });
    },
    [groupBy, setFilter],
  );
  const groupFilter = filters[groupBy];
  const selectedKey = groupFilter?.length === 1 ? groupFilter[0] : undefined;
  const filtered = Object.keys(filters).length > 0;
  const dimensions = useMemo(
    () => (value ? dimensionsOf(value.total, value.groups) : []),
    [value],
  );

  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress aria-label="Loading the scorecard" />;
  } else if (value.total.count === 0) {
    body = filtered ? (
      <EmptyState
        missing="data"
        title="No components match these filters"
        description="Remove a filter to see more components."
        action={
          <Button
            variant="contained"
            color="primary"
            onClick={params.clearFilters}
          >
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        missing="data"
        title="No scored components yet"
        description="Components appear here once the DSOMM backend has scored the catalog. Scoring runs on a schedule; those allowed to refresh scores can also use the Refresh score button on a component's DSOMM tab."
      />
    );
  } else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={6} lg={4}>
          <SummaryCard total={value.total} />
        </Grid>
        <Grid item xs={12} md={6} lg={4}>
          <LevelDistribution overall={value.total.overall} />
        </Grid>
        <Grid item xs={12} lg={4}>
          <TrendCard trend={trend} />
        </Grid>
        {value.kpis && (
          <Grid item xs={12}>
            <OutcomesStrip kpis={value.kpis} trend={trend.value} />
          </Grid>
        )}
        <Grid item xs={12}>
          <GroupTable
            groupBy={value.groupBy}
            groups={value.groups}
            total={value.total}
            totalGroups={value.totalGroups}
            groupsOffset={value.groupsOffset}
            pageSize={GROUPS_PAGE_SIZE}
            onGroupsPage={showGroups}
            dimensions={dimensions}
            selectedKey={selectedKey}
            onDrillDown={drillDown}
            onShowAllGroups={() => setFilter(groupBy, [])}
          />
        </Grid>
        <Grid item xs={12} ref={componentsRef}>
          <ComponentsTable
            key={filtersKey}
            filters={filters}
            subtitle={describeFilters(filters) ?? 'All scored components'}
            initialView={rowsView}
            onViewChange={setRowsView}
            onRowsLoaded={onRowsLoaded}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <div className={focus.focusRing}>
      <ContentHeader title="Scorecard">
        <Button component={Link} to={campaignsPath()}>
          Campaigns
        </Button>
        <ExportCsvButton filters={filters} />
      </ContentHeader>
      <FilterBar
        groupBy={groupBy}
        filters={filters}
        options={options}
        onGroupByChange={params.setGroupBy}
        onFilterChange={setFilter}
        onClear={params.clearFilters}
      />
      {loading && value && <LinearProgress aria-label="Updating scorecard" />}
      {body}
      <Grid container spacing={3} style={{ marginTop: 8 }}>
        <Grid item xs={12} lg={5}>
          <TargetsCard />
        </Grid>
        <Grid item xs={12} lg={7}>
          <ModelCard />
        </Grid>
      </Grid>
    </div>
  );
}
