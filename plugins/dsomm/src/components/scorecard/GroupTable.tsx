import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  GroupAggregate,
  ScorecardGroup,
  ScorecardGroupBy,
  Target,
} from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FILTER_LABELS,
  formatNumber,
  formatPercent,
  valueLabel,
} from './format';
import { openPastSlaDetail, openPastSlaTotal } from './outcomes';
import {
  DistanceRange,
  TargetHeatCell,
  TargetHeatLegend,
} from './TargetHeatCell';

/** A group as older backends answer it: no title, target or mean targets. */
type ShownGroup = GroupAggregate & Partial<ScorecardGroup>;

/** E.g. `target 3` or `target 3 (Test and Verification 2)`. */
export function targetLabel(target: Target): string {
  const perDimension = Object.entries(target.dimensions ?? {})
    .filter(([, level]) => level !== target.level)
    .map(([name, level]) => `${name} ${level}`);
  return `target ${target.level}${
    perDimension.length > 0 ? ` (${perDimension.join(', ')})` : ''
  }`;
}

/** The smallest and largest distance (mean level minus mean target) among the cells shown. */
export function distanceRange(
  groups: ShownGroup[],
  dimensions: string[],
): DistanceRange {
  let min = 0;
  let max = 0;
  for (const group of groups) {
    const means = group.targetMeans;
    if (!means) continue;
    const distances = [
      group.overall.mean - means.overall,
      ...dimensions
        .filter(d => group.dimensions[d] && means.dimensions[d] !== undefined)
        .map(d => group.dimensions[d].mean - means.dimensions[d]),
    ];
    for (const distance of distances) {
      min = Math.min(min, distance);
      max = Math.max(max, distance);
    }
  }
  return { min, max };
}

/** Groups on one page of the table; the backend sends one page at a time. */
export const GROUPS_PAGE_SIZE = 50;

const useStyles = makeStyles(theme => ({
  scroll: {
    overflowX: 'auto',
  },
  heading: {
    whiteSpace: 'nowrap',
  },
  dimensionHeading: {
    textAlign: 'center',
    minWidth: 110,
    lineHeight: 1.2,
    wordBreak: 'normal',
    overflowWrap: 'normal',
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  groupName: {
    whiteSpace: 'nowrap',
  },
  target: {
    display: 'block',
  },
  totalRow: {
    '& > *': {
      fontWeight: theme.typography.fontWeightBold,
    },
  },
  groupLink: {
    textAlign: 'left',
    fontSize: 'inherit',
  },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
  },
}));

function GroupRow(props: {
  group: ShownGroup;
  name: ReactNode;
  dimensions: string[];
  range: DistanceRange;
  className?: string;
  selected?: boolean;
}) {
  const { group, name, dimensions, range, className, selected } = props;
  const classes = useStyles();
  const pastSla = group.kpis ? openPastSlaTotal(group.kpis) : null;
  return (
    <TableRow className={className} selected={selected}>
      <TableCell component="th" scope="row" className={classes.groupName}>
        {name}
        {group.target && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="span"
            className={classes.target}
          >
            {targetLabel(group.target)}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right" className={classes.number}>
        {group.count}
        {(group.notAssessed ?? 0) > 0 && (
          <Typography variant="caption" color="textSecondary" component="div">
            {group.notAssessed} not assessed
          </Typography>
        )}
      </TableCell>
      <TableCell
        align="right"
        className={classes.number}
        title={`${group.meetingTarget} components meet their target`}
      >
        {formatPercent(group.shareMeetingTarget)}
      </TableCell>
      <TableCell align="right" className={classes.number}>
        {formatNumber(group.meanScore)}
      </TableCell>
      <TableCell
        align="right"
        className={classes.number}
        title={group.kpis ? openPastSlaDetail(group.kpis) : undefined}
      >
        {pastSla === null ? '–' : pastSla}
      </TableCell>
      <TableCell align="right" className={classes.number}>
        {formatPercent(group.kpis?.automatedShare)}
      </TableCell>
      <TargetHeatCell
        stats={group.overall}
        target={group.targetMeans?.overall}
        range={range}
        label="Overall"
      />
      {dimensions.map(dimension => (
        <TargetHeatCell
          key={dimension}
          stats={group.dimensions[dimension]}
          target={group.targetMeans?.dimensions[dimension]}
          range={range}
          label={dimension}
        />
      ))}
    </TableRow>
  );
}

/**
 * One row per group of one page of groups (the backend pages them): components, share meeting
 * target, mean score, and the mean overall and per-dimension levels as a heatmap, then the
 * total over every group. Clicking a group drills down to it.
 */
export function GroupTable(props: {
  groupBy: ScorecardGroupBy;
  /** The page's groups. */
  groups: ShownGroup[];
  total: ShownGroup;
  /** Groups over every page (older backends send every group at once: their number). */
  totalGroups?: number;
  /** Groups before this page. */
  groupsOffset?: number;
  pageSize?: number;
  dimensions: string[];
  /** The group drilled down to, if the filter on the grouping field holds just it. */
  selectedKey?: string;
  onDrillDown: (key: string) => void;
  onShowAllGroups: () => void;
  /** Asks for the page of groups starting at `offset`. */
  onGroupsPage?: (offset: number) => void;
}) {
  const { groupBy, groups, total, dimensions, selectedKey } = props;
  const classes = useStyles();
  const label = FILTER_LABELS[groupBy];
  const totalGroups = props.totalGroups ?? groups.length;
  const offset = props.groupsOffset ?? 0;
  const pageSize = props.pageSize ?? GROUPS_PAGE_SIZE;
  const range = distanceRange([...groups, total], dimensions);
  const paged = totalGroups > groups.length && props.onGroupsPage;
  const plural = label.toLocaleLowerCase('en-US');

  return (
    <InfoCard
      title={`By ${label.toLocaleLowerCase('en-US')}`}
      subheader="Select a group to list its components."
      noPadding
    >
      <div className={classes.scroll}>
        <Table size="small" aria-label={`Scorecard by ${groupBy}`}>
          <TableHead>
            <TableRow>
              <TableCell className={classes.heading}>{label}</TableCell>
              <TableCell align="right" className={classes.heading}>
                Components
              </TableCell>
              <TableCell align="right" className={classes.heading}>
                Meeting target
              </TableCell>
              <TableCell align="right" className={classes.heading}>
                Mean score
              </TableCell>
              <TableCell align="right" className={classes.heading}>
                Open past SLA
              </TableCell>
              <TableCell align="right" className={classes.heading}>
                Proven by automation
              </TableCell>
              <TableCell className={classes.dimensionHeading}>
                Overall level
              </TableCell>
              {dimensions.map(dimension => (
                <TableCell key={dimension} className={classes.dimensionHeading}>
                  {dimension}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map(group => {
              const name = group.title ?? valueLabel(groupBy, group.key);
              return (
                <GroupRow
                  key={group.key}
                  group={group}
                  dimensions={dimensions}
                  range={range}
                  selected={group.key === selectedKey}
                  name={
                    <Link
                      component="button"
                      className={classes.groupLink}
                      title={group.key}
                      aria-label={`Show the components of ${name}`}
                      onClick={() => props.onDrillDown(group.key)}
                    >
                      {name}
                    </Link>
                  }
                />
              );
            })}
            {totalGroups > 1 && (
              <GroupRow
                group={total}
                dimensions={dimensions}
                range={range}
                className={classes.totalRow}
                name="All"
              />
            )}
          </TableBody>
        </Table>
      </div>
      <Box className={classes.footer}>
        <Typography variant="caption" color="textSecondary" component="div">
          Level cells show the mean level (0-5) and, below it, its distance to
          the mean target of the group's components: red below the target, green
          at or above it, stronger the further away.{' '}
          <TargetHeatLegend range={range} />
        </Typography>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          {paged && (
            <>
              <Typography variant="caption" component="span" role="status">
                {`Groups ${groups.length === 0 ? 0 : offset + 1}-${
                  offset + groups.length
                } of ${totalGroups}`}
              </Typography>
              <Button
                size="small"
                disabled={offset === 0}
                aria-label={`Previous ${pageSize} groups`}
                onClick={() =>
                  props.onGroupsPage!(Math.max(0, offset - pageSize))
                }
              >
                Previous
              </Button>
              <Button
                size="small"
                disabled={offset + groups.length >= totalGroups}
                aria-label={`Next ${pageSize} groups`}
                onClick={() => props.onGroupsPage!(offset + pageSize)}
              >
                Next
              </Button>
            </>
          )}
          {selectedKey !== undefined && (
            <Button size="small" onClick={props.onShowAllGroups}>
              Show every {plural}
            </Button>
          )}
        </Box>
      </Box>
    </InfoCard>
  );
}
