import { useCallback, useMemo, useRef, useState } from 'react';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
  TableProps,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { ScorecardRow, ScorecardSortField } from '@dsomm/plugin-dsomm-common';
import { dsommApiRef } from '../../api';
import { DSOMM_TAB_PATH, formatNumber, valueLabel } from './format';
import { LevelBadge } from './LevelBadge';
import { TableLoadingOverlay } from './TableLoadingOverlay';
import { useEntityPath } from './useEntityPath';
import { PAGE_SIZES, RowsView, ScorecardFilters } from './useScorecardParams';

type RemoteData = Extract<
  TableProps<ScorecardRow>['data'],
  (...args: any[]) => unknown
>;
type RowsQuery = Parameters<RemoteData>[0];

function targetText(row: ScorecardRow): string {
  if (row.meetsTarget === null || row.targetLevel === null) return 'No target';
  return `${row.meetsTarget ? 'Met' : 'Not met'} (level ${row.targetLevel})`;
}

const nowrap = { whiteSpace: 'nowrap' } as const;

function NotAssessed() {
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      Not assessed
    </Typography>
  );
}

/** E.g. `Build and Deployment 1, Implementation 0`: the badges' text for screen readers. */
export function dimensionLevelsText(row: ScorecardRow): string {
  return Object.entries(row.dimensionLevels)
    .map(([name, level]) => `${name} ${level}`)
    .join(', ');
}

function useColumns(
  initialSort: Pick<RowsView, 'sort' | 'order'>,
): TableColumn<ScorecardRow>[] {
  const entityPath = useEntityPath();
  // The sort from the URL applies when the table mounts; afterwards the table owns it.
  const [{ sort, order }] = useState(initialSort);
  return useMemo(() => {
    const columns: TableColumn<ScorecardRow>[] = [
      {
        title: 'Component',
        field: 'name',
        render: row => (
          <Link to={entityPath(row)} title={row.entityRef}>
            {row.title ?? row.name}
          </Link>
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        render: row => valueLabel('owner', row.owner ?? ''),
      },
      {
        title: 'System',
        field: 'system',
        render: row => valueLabel('system', row.system ?? ''),
      },
      {
        title: 'Tier',
        field: 'tier',
        width: '120px',
        cellStyle: nowrap,
        render: row => row.tier ?? '–',
      },
      {
        title: 'Lifecycle',
        field: 'lifecycle',
        sorting: false,
        width: '120px',
        cellStyle: nowrap,
        render: row => row.lifecycle ?? '–',
      },
      {
        title: 'Overall level',
        field: 'overallLevel',
        width: '110px',
        // A component without any evidence yet is not at level 0 "in the red": it is unknown.
        render: row =>
          row.assessed === false ? (
            <NotAssessed />
          ) : (
            <LevelBadge level={row.overallLevel} label="Overall" />
          ),
      },
      {
        title: 'Dimension levels',
        sorting: false,
        cellStyle: nowrap,
        render: row =>
          row.assessed === false ? (
            <span aria-label="Not assessed">–</span>
          ) : (
            <span aria-label={dimensionLevelsText(row)}>
              {Object.entries(row.dimensionLevels).map(([name, level]) => (
                <LevelBadge key={name} level={level} label={name} />
              ))}
            </span>
          ),
      },
      {
        title: 'Missing for target',
        field: 'missingForTarget',
        width: '110px',
        render: row =>
          row.missingForTarget === null || row.missingForTarget === undefined
            ? '–'
            : String(row.missingForTarget),
      },
      {
        title: 'Score',
        field: 'score',
        width: '90px',
        render: row => formatNumber(row.score),
      },
      {
        title: 'Target',
        field: 'meetsTarget',
        width: '150px',
        cellStyle: nowrap,
        render: targetText,
      },
      {
        title: 'Details',
        sorting: false,
        width: '100px',
        render: row => (
          <Link
            to={`${entityPath(row)}/${DSOMM_TAB_PATH}`}
            aria-label={`DSOMM scores of ${row.title ?? row.name}`}
          >
            DSOMM
          </Link>
        ),
      },
    ];
    return columns.map(column =>
      column.field && column.field === sort
        ? { ...column, defaultSort: order }
        : column,
    );
  }, [entityPath, sort, order]);
}

/**
 * One page at a time of the components matching the filters, paged and sorted by the backend.
 * Remount it (with a new `key`) when the filters change.
 */
export function ComponentsTable(props: {
  filters: ScorecardFilters;
  subtitle?: string;
  /** Paging and sorting when the table mounts. */
  initialView: RowsView;
  onViewChange: (view: Partial<RowsView>) => void;
  /** Each page of rows as it loads: the page adds their types to the Type filter's options. */
  onRowsLoaded?: (rows: ScorecardRow[]) => void;
}) {
  const { onRowsLoaded } = props;
  const { filters, initialView, onViewChange } = props;
  const dsommApi = useApi(dsommApiRef);
  const [error, setError] = useState<Error>();
  const columns = useColumns(initialView);
  // Says the order when the server's default (worst first) applies; fixed at mount, like the
  // sort, so sorting does not re-render the table under a new title.
  const [title] = useState(
    initialView.sort
      ? 'Components'
      : 'Components, worst first (furthest below target)',
  );
  const pendingInitialPage = useRef<number | undefined>(initialView.page);

  const data = useCallback(
    async (query: RowsQuery) => {
      // The table always starts at page 0; the first request opens the page from the URL.
      const page = pendingInitialPage.current ?? query.page;
      pendingInitialPage.current = undefined;
      const sort = query.orderBy?.field as ScorecardSortField | undefined;
      try {
        const response = await dsommApi.getScorecard({
          filters,
          offset: page * query.pageSize,
          limit: query.pageSize,
          ...(sort ? { sort, order: query.orderDirection || 'asc' } : {}),
        });
        setError(undefined);
        onRowsLoaded?.(response.rows);
        return { data: response.rows, page, totalCount: response.totalRows };
      } catch (e) {
        setError(e as Error);
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [dsommApi, filters, onRowsLoaded],
  );

  const options = useMemo(
    () => ({
      paging: true,
      pageSize: initialView.pageSize,
      pageSizeOptions: PAGE_SIZES,
      search: false,
      padding: 'dense' as const,
      emptyRowsWhenPaging: false,
      thirdSortClick: false,
      draggable: false,
    }),
    [initialView.pageSize],
  );

  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      <Table<ScorecardRow>
        title={title}
        subtitle={props.subtitle}
        columns={columns}
        data={data}
        options={options}
        components={{ OverlayLoading: TableLoadingOverlay }}
        localization={{
          body: { emptyDataSourceMessage: 'No components match the filters.' },
        }}
        onPageChange={(page, pageSize) => onViewChange({ page, pageSize })}
        onOrderChange={(index, direction) =>
          onViewChange({
            sort: direction
              ? (columns[index]?.field as ScorecardSortField)
              : undefined,
            order: direction || 'asc',
            page: 0,
          })
        }
      />
    </>
  );
}
