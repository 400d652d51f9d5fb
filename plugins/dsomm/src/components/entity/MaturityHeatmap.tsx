import { InfoCard } from '@backstage/core-components';
import {
  EntityScoreResponse,
  LEVELS,
  LevelCoverage,
} from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, useTheme } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { CellDetailsButton } from '../common/CellDetailsButton';
import { cardTitleProps } from './cardTitleProps';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  heading: { whiteSpace: 'nowrap' },
  dimension: {
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  cell: {
    textAlign: 'center',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    border: `1px solid ${theme.palette.divider}`,
    minWidth: 56,
  },
  reached: {
    fontWeight: theme.typography.fontWeightBold as number,
    boxShadow: `inset 0 -3px 0 ${theme.palette.text.primary}`,
  },
  none: { color: theme.palette.text.secondary },
  achieved: { whiteSpace: 'nowrap', fontWeight: 500 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
  },
  swatch: {
    display: 'inline-block',
    minWidth: 40,
    padding: theme.spacing(0, 0.5),
    textAlign: 'center',
    border: `1px solid ${theme.palette.divider}`,
    fontSize: theme.typography.caption.fontSize,
  },
}));

/** Background for a share of implemented activities (0-1): the more, the stronger. */
function useShade() {
  const theme = useTheme();
  return (share: number) =>
    alpha(theme.palette.success.main, 0.06 + 0.54 * share);
}

function CoverageCell(props: {
  subDimension: string;
  level: number;
  coverage?: LevelCoverage;
  reached: boolean;
}) {
  const { subDimension, level, coverage, reached } = props;
  const where = `${subDimension}, level ${level}`;
  const classes = useStyles();
  const shade = useShade();
  if (!coverage || coverage.applicable === 0) {
    return (
      <TableCell
        className={`${classes.cell} ${classes.none} ${
          reached ? classes.reached : ''
        }`}
      >
        <CellDetailsButton
          label={`${where}: no applicable activities${
            reached ? ' (level reached)' : ''
          }`}
        >
          –
        </CellDetailsButton>
      </TableCell>
    );
  }
  const share = coverage.implemented / coverage.applicable;
  return (
    <TableCell
      className={`${classes.cell} ${reached ? classes.reached : ''}`}
      style={{ backgroundColor: shade(share) }}
    >
      <CellDetailsButton
        label={`${where}: ${coverage.implemented} of ${
          coverage.applicable
        } applicable activities implemented${
          reached ? ' (level reached)' : ''
        }`}
      >
        {coverage.implemented}/{coverage.applicable}
      </CellDetailsButton>
    </TableCell>
  );
}

/**
 * Sub-dimensions (grouped by dimension) by level: in each cell how many of the level's
 * applicable activities are implemented, shaded by that share; the levels reached are underlined
 * and named in the last column.
 */
export function MaturityHeatmap(props: { score: EntityScoreResponse }) {
  const { score } = props;
  const classes = useStyles();
  const shade = useShade();
  const targets = new Map(score.gap.dimensions.map(d => [d.dimension, d]));
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Coverage by sub-dimension and level"
      noPadding
    >
      <div className={classes.scroll}>
        <Table
          size="small"
          aria-label="Implemented of applicable activities per sub-dimension and level"
        >
          <TableHead>
            <TableRow>
              <TableCell className={classes.heading}>Sub-dimension</TableCell>
              {LEVELS.map(level => (
                <TableCell key={level} className={classes.cell}>
                  Level {level}
                </TableCell>
              ))}
              <TableCell className={classes.heading}>Reached</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {score.dimensions.map(dimension => {
              const gap = targets.get(dimension.dimension);
              return (
                <Fragment key={dimension.dimension}>
                  <TableRow>
                    <TableCell
                      component="th"
                      scope="colgroup"
                      colSpan={LEVELS.length + 2}
                      className={classes.dimension}
                    >
                      {dimension.dimension}: level {dimension.level}
                      {gap
                        ? ` of target ${gap.target}, ${
                            gap.meetsTarget ? 'meets target' : 'below target'
                          }`
                        : ''}
                    </TableCell>
                  </TableRow>
                  {dimension.subDimensions.map(sub => (
                    <TableRow key={sub.subDimension}>
                      <TableCell component="th" scope="row">
                        {sub.subDimension}
                      </TableCell>
                      {LEVELS.map(level => (
                        <CoverageCell
                          key={level}
                          subDimension={sub.subDimension}
                          level={level}
                          coverage={sub.coverage.find(c => c.level === level)}
                          reached={level <= sub.level}
                        />
                      ))}
                      <TableCell className={classes.achieved}>
                        Level {sub.level}
                      </TableCell>
                    </TableRow>
                  ))}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <div className={classes.legend}>
        <Typography variant="caption" color="textSecondary">
          Cells: implemented/applicable activities; –: none applicable;
          underlined: level reached. Shade: share implemented
        </Typography>
        {[0, 0.5, 1].map(share => (
          <span
            key={share}
            className={classes.swatch}
            style={{ backgroundColor: shade(share) }}
          >
            {share * 100}%
          </span>
        ))}
      </div>
    </InfoCard>
  );
}
