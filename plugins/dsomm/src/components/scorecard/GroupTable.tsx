import { ReactNode, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { GroupAggregate, ScorecardGroupBy } from '@dsomm/plugin-dsomm-common';
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
import { HeatCell, HeatLegend } from './HeatCell';

/** Groups listed before a "show all" button. */
export const GROUPS_SHOWN = 50;

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
  group: GroupAggregate;
  name: ReactNode;
  dimensions: string[];
  className?: string;
  selected?: boolean;
}) {
  const { group, name, dimensions, className, selected } = props;
  const classes = useStyles();
  return (
    <TableRow className={className} selected={selected}>
      <TableCell component="th" scope="row" className={classes.groupName}>
        {name}
      </TableCell>
      <TableCell align="right" className={classes.number}>
        {group.count}
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
      <HeatCell stats={group.overall} label="Overall" />
      {dimensions.map(dimension => (
        <HeatCell
          key={dimension}
          stats={group.dimensions[dimension]}
          label={dimension}
        />
      ))}
    </TableRow>
  );
}

/**
 * One row per group: components, share meeting target, mean score, and the mean overall and
 * per-dimension levels as a heatmap. Clicking a group drills down to it.
 */
export function GroupTable(props: {
  groupBy: ScorecardGroupBy;
  groups: GroupAggregate[];
  total: GroupAggregate;
  dimensions: string[];
  /** The group drilled down to, if the filter on the grouping field holds just it. */
  selectedKey?: string;
  onDrillDown: (key: string) => void;
  onShowAllGroups: () => void;
}) {
  const { groupBy, groups, total, dimensions, selectedKey } = props;
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const label = FILTER_LABELS[groupBy];
  const shown = showAll ? groups : groups.slice(0, GROUPS_SHOWN);

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
            {shown.map(group => {
              const name = valueLabel(groupBy, group.key);
              return (
                <GroupRow
                  key={group.key}
                  group={group}
                  dimensions={dimensions}
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
            {groups.length > 1 && (
              <GroupRow
                group={total}
                dimensions={dimensions}
                className={classes.totalRow}
                name="All"
              />
            )}
          </TableBody>
        </Table>
      </div>
      <Box className={classes.footer}>
        <Typography variant="caption" color="textSecondary" component="div">
          Level cells show the mean level (0-5); the darker the cell, the higher
          the level. <HeatLegend />
        </Typography>
        <Box display="flex" style={{ gap: 8 }}>
          {!showAll && groups.length > GROUPS_SHOWN && (
            <Button size="small" onClick={() => setShowAll(true)}>
              Show all {groups.length} groups
            </Button>
          )}
          {selectedKey !== undefined && (
            <Button size="small" onClick={props.onShowAllGroups}>
              Show every {label.toLocaleLowerCase('en-US')}
            </Button>
          )}
        </Box>
      </Box>
    </InfoCard>
  );
}
