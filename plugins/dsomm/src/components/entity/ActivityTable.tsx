import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import {
  ActivityStatus,
  Attestation,
  LEVELS,
  StoredReport,
  Waiver,
} from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme, makeStyles } from '@material-ui/core/styles';
import { ReactNode, useMemo } from 'react';
import { ActivityCards } from './ActivityCards';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityFactsLine } from './ActivityFactsLine';
import { ActivityLink } from './ActivityLink';
import { ActivityRow } from './activityRows';
import { cardTitleProps } from './cardTitleProps';
import { EvidenceList } from './EvidenceList';
import { STATUS_LABELS } from './format';
import {
  EvidenceOrigin,
  inheritanceSentence,
  inheritanceSummary,
  matchesOrigin,
} from './inheritance';
import { ActivityStatusChip } from './StatusChips';
import {
  ACTIVITIES_ANCHOR,
  ActivityFilters,
  StatusFilter,
  useActivityUrlState,
} from './useActivityUrlState';

const STATUSES = Object.keys(STATUS_LABELS) as ActivityStatus[];
const PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    padding: theme.spacing(2),
  },
  filter: {
    minWidth: 180,
    [theme.breakpoints.down('xs')]: { minWidth: 0, width: '100%' },
  },
  // Dimension, tool and activity names wrap at spaces and hyphens, never mid-word.
  words: {
    '& td, & th': { overflowWrap: 'normal', wordBreak: 'normal' },
  },
  summary: { padding: theme.spacing(2, 2, 0) },
  note: { marginTop: theme.spacing(0.5) },
  actions: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    whiteSpace: 'nowrap',
  },
}));

export type { ActivityFilters } from './useActivityUrlState';

const STATUS_OPTIONS = [
  { value: 'needed', label: 'Needed for target' },
  { value: 'beyond', label: 'Beyond target' },
  ...STATUSES.map(s => ({ value: s, label: STATUS_LABELS[s] })),
];

/** Actions a person can take on an activity; absent ones are not offered. */
export interface ActivityActions {
  onAttest?: (activityId: string) => void;
  onWaive?: (activityId: string) => void;
  onRevokeAttestation?: (attestation: Attestation) => void;
  onRevokeWaiver?: (waiver: Waiver) => void;
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={`dsomm-activity-filter-${props.id}`}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      variant="outlined"
      size="small"
      className={classes.filter}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All</option>
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

const emptyContent = (
  <Box p={2}>
    <Typography>No activity matches these filters.</Typography>
  </Box>
);

// The card draws the paper; the table goes inside it without a second one.
function PlainContainer(props: { children?: ReactNode; style?: object }) {
  return <div style={props.style}>{props.children}</div>;
}

function matches(row: ActivityRow, filters: ActivityFilters): boolean {
  const text = filters.text.trim().toLocaleLowerCase('en-US');
  let statusMatches = true;
  if (filters.status === 'needed' || filters.status === 'beyond') {
    statusMatches = row.target === filters.status;
  } else if (filters.status) {
    statusMatches = row.status === filters.status;
  }
  return (
    statusMatches &&
    (!filters.level || String(row.level) === filters.level) &&
    (!filters.dimension || row.dimension === filters.dimension) &&
    matchesOrigin(row, filters.origin) &&
    (!text ||
      `${row.name} ${row.key} ${row.subDimension}`
        .toLocaleLowerCase('en-US')
        .includes(text))
  );
}

/**
 * Every activity with status and evidence, filterable by status, level, dimension and name.
 * Filters and the open detail drawer live in the URL; on a component below its target the
 * table opens on the activities needed for it.
 */
export function ActivityTable(
  props: {
    rows: ActivityRow[];
    reports?: StoredReport[];
    /** Whether the component is below its target: the table then shows what it needs first. */
    belowTarget?: boolean;
  } & ActivityActions,
) {
  const {
    rows,
    reports,
    belowTarget,
    onAttest,
    onWaive,
    onRevokeAttestation,
    onRevokeWaiver,
  } = props;
  const classes = useStyles();
  // Below the sm breakpoint (a phone), one card per activity instead of a wide table.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  const defaultStatus: StatusFilter = belowTarget ? 'needed' : '';
  const { filters, setFilters, openKey, openActivity, closeActivity } =
    useActivityUrlState(defaultStatus);
  const openRow = useMemo(
    () =>
      openKey === undefined
        ? undefined
        : rows.find(r => r.key === openKey || r.id === openKey),
    [rows, openKey],
  );
  const neededCount = useMemo(
    () => rows.filter(r => r.target === 'needed').length,
    [rows],
  );
  const summary = useMemo(
    () => inheritanceSentence(inheritanceSummary(rows)),
    [rows],
  );
  const dimensions = useMemo(
    () => Array.from(new Set(rows.map(r => r.dimension))),
    [rows],
  );
  const shown = useMemo(
    () =>
      rows
        .filter(r => matches(r, filters))
        // material-table adds bookkeeping to the objects it is given
        .map(r => ({ ...r })),
    [rows, filters],
  );

  const columns = useMemo(() => {
    const list: TableColumn<ActivityRow>[] = [
      {
        title: 'Activity',
        field: 'name',
        width: '26%',
        render: row => (
          <>
            <ActivityLink name={row.name} url={row.url} />
            <Typography variant="caption" color="textSecondary" component="div">
              {row.subDimension}
            </Typography>
            <ActivityFactsLine facts={row} />
            <Button
              size="small"
              onClick={() => openActivity(row.key)}
              aria-label={`Details of ${row.name}`}
            >
              Details
            </Button>
            {row.notes.map((note, i) => (
              <Typography
                key={i}
                variant="body2"
                component="div"
                className={classes.note}
              >
                <strong>{note.counts ? 'Counts' : 'Does not count'}:</strong>{' '}
                {note.reason}
              </Typography>
            ))}
          </>
        ),
      },
      { title: 'Level', field: 'level', type: 'numeric', width: '6%' },
      { title: 'Dimension', field: 'dimension', width: '14%' },
      {
        title: 'Status',
        field: 'status',
        width: '12%',
        render: row => (
          <>
            <ActivityStatusChip status={row.status} target={row.target} />
            {row.target === 'needed' && (
              <Typography variant="caption" component="div">
                Needed for target
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Evidence',
        sorting: false,
        render: row => (
          <EvidenceList
            row={row}
            reports={reports}
            onRevokeAttestation={onRevokeAttestation}
            onRevokeWaiver={onRevokeWaiver}
          />
        ),
      },
    ];
    if (onAttest || onWaive) {
      list.push({
        title: 'Actions',
        sorting: false,
        width: '8%',
        render: row =>
          row.status === 'implemented' || row.status === 'not-applicable' ? (
            ''
          ) : (
            <div className={classes.actions}>
              {onAttest && (
                <Button
                  size="small"
                  color="primary"
                  onClick={() => onAttest(row.id)}
                  aria-label={`Attest ${row.name}`}
                  title="Record that this activity is implemented"
                >
                  Attest
                </Button>
              )}
              {onWaive && (
                <Button
                  size="small"
                  onClick={() => onWaive(row.id)}
                  aria-label={`Waive ${row.name}`}
                  title="Record that this activity does not apply"
                >
                  Waive
                </Button>
              )}
            </div>
          ),
      });
    }
    return list;
  }, [
    classes,
    reports,
    onAttest,
    onWaive,
    onRevokeAttestation,
    onRevokeWaiver,
    openActivity,
  ]);

  return (
    <div id={ACTIVITIES_ANCHOR}>
      <InfoCard
        titleTypographyProps={cardTitleProps}
        title="Activities"
        noPadding
      >
        <Typography
          variant="body2"
          className={classes.summary}
          data-testid="dsomm-inheritance-summary"
        >
          {summary}
        </Typography>
        <Typography variant="body2" className={classes.summary}>
          {neededCount === 0
            ? 'Nothing more is needed for the target.'
            : `${neededCount} ${
                neededCount === 1 ? 'activity is' : 'activities are'
              } needed for the target.`}{' '}
          Activities above the target level show as "Beyond target": worth
          doing, not required.
        </Typography>
        <div className={classes.filters} role="group" aria-label="Filters">
          <TextField
            id="dsomm-activity-filter-text"
            label="Name"
            value={filters.text}
            onChange={e => setFilters({ ...filters, text: e.target.value })}
            variant="outlined"
            size="small"
            className={classes.filter}
            InputLabelProps={{ shrink: true }}
            placeholder="Activity or sub-dimension"
          />
          <FilterSelect
            id="status"
            label="Status"
            value={filters.status}
            onChange={status =>
              setFilters({ ...filters, status: status as StatusFilter })
            }
            options={STATUS_OPTIONS}
          />
          <FilterSelect
            id="level"
            label="Level"
            value={filters.level}
            onChange={level => setFilters({ ...filters, level })}
            options={LEVELS.map(l => ({
              value: String(l),
              label: `Level ${l}`,
            }))}
          />
          <FilterSelect
            id="dimension"
            label="Dimension"
            value={filters.dimension}
            onChange={dimension => setFilters({ ...filters, dimension })}
            options={dimensions.map(d => ({ value: d, label: d }))}
          />
          <FilterSelect
            id="origin"
            label="Evidence"
            value={filters.origin}
            onChange={origin =>
              setFilters({ ...filters, origin: origin as EvidenceOrigin })
            }
            options={[
              { value: 'own', label: 'Own' },
              { value: 'inherited', label: 'Inherited' },
            ]}
          />
          <Typography variant="body2" color="textSecondary" aria-live="polite">
            {shown.length} of {rows.length} activities
          </Typography>
        </div>
        {narrow ? (
          <ActivityCards
            // A new filter starts again at the first cards.
            key={JSON.stringify(filters)}
            rows={shown}
            columns={columns}
            pageSize={PAGE_SIZE}
            emptyContent={emptyContent}
          />
        ) : (
          <div className={classes.words}>
            <Table<ActivityRow>
              columns={columns}
              data={shown}
              components={{ Container: PlainContainer }}
              options={{
                toolbar: false,
                paging: shown.length > PAGE_SIZE,
                pageSize: PAGE_SIZE,
                pageSizeOptions: [20, 50, 100, 200],
                padding: 'dense',
                draggable: false,
              }}
              emptyContent={emptyContent}
            />
          </div>
        )}
      </InfoCard>
      <ActivityDrawer
        row={openRow}
        onClose={closeActivity}
        onAttest={onAttest}
      />
    </div>
  );
}
