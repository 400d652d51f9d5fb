import { InfoCard } from '@backstage/core-components';
import {
  LEVELS,
  RollupHeatmap,
  RollupHeatmapCell,
} from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, useTheme } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { cardTitleProps } from '../entity/cardTitleProps';
import { CellDetailsButton } from '../common/CellDetailsButton';
import { heatmapCellText } from './heatmapCellText';

const useStyles = makeStyles(theme => ({
  // Positioned so the visually hidden spans (absolute) stay inside the scrolled box: else
  // they are placed against the page and make it scroll sideways on a phone.
  scroll: { overflowX: 'auto', position: 'relative' },
  heading: { whiteSpace: 'nowrap' },
  dimension: {
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  cell: {
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    border: `1px solid ${theme.palette.divider}`,
    minWidth: 64,
  },
  figure: { display: 'block', fontWeight: 500, whiteSpace: 'nowrap' },
  detail: {
    display: 'block',
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
  },
  none: { color: theme.palette.text.secondary },
  // Words the figure leaves out ("7/9" means components complete), for copied text.
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
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

/** Background for a share of components completing a cell (0-1): the more, the stronger. */
function useShade() {
  const theme = useTheme();
  return (share: number) =>
    alpha(theme.palette.success.main, 0.06 + 0.54 * share);
}

function HeatmapCell(props: {
  subDimension: string;
  cell: RollupHeatmapCell;
  components: number;
}) {
  const { subDimension, cell, components } = props;
  const classes = useStyles();
  const shade = useShade();
  const text = heatmapCellText(cell, components);
  const where = `${subDimension}, level ${cell.level}`;
  if (text.share === null) {
    return (
      <TableCell className={`${classes.cell} ${classes.none}`}>
        <CellDetailsButton label={`${where}: ${text.detail}`}>
          <span className={classes.figure}>{text.figure}</span>
          <span className={classes.detail}>{text.detail}</span>
        </CellDetailsButton>
      </TableCell>
    );
  }
  return (
    <TableCell
      className={classes.cell}
      style={{ backgroundColor: shade(text.share) }}
    >
      <CellDetailsButton
        label={`${where}: ${cell.complete} of ${components} components complete, ${text.detail}`}
      >
        <span className={classes.figure}>{text.figure}</span>
        <span className={classes.hidden}> components complete, </span>
        <span className={classes.detail}>{text.detail}</span>
      </CellDetailsButton>
    </TableCell>
  );
}

/**
 * Sub-dimensions (grouped by dimension) by level across the scope's components: in each cell
 * how many components have every applicable activity of that level implemented, and the share
 * of applicable activities implemented over all of them. All of it is text in the cell, so
 * nothing depends on colour or on hovering.
 */
export function RollupHeatmapCard(props: { heatmap: RollupHeatmap }) {
  const { heatmap } = props;
  const classes = useStyles();
  const shade = useShade();
  const dimensions: { name: string; rows: RollupHeatmap['subDimensions'] }[] =
    [];
  for (const row of heatmap.subDimensions) {
    const last = dimensions[dimensions.length - 1];
    if (last?.name === row.dimension) last.rows.push(row);
    else dimensions.push({ name: row.dimension, rows: [row] });
  }
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Coverage across components"
      noPadding
    >
      {heatmap.components === 0 ? (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.legend}
        >
          No components below this scope yet.
        </Typography>
      ) : (
        <>
          <div className={classes.scroll}>
            <Table
              size="small"
              aria-label="Components with every applicable activity implemented, per sub-dimension and level"
            >
              <TableHead>
                <TableRow>
                  <TableCell className={classes.heading}>
                    Sub-dimension
                  </TableCell>
                  {LEVELS.map(level => (
                    <TableCell key={level} className={classes.cell}>
                      Level {level}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {dimensions.map(dimension => (
                  <Fragment key={dimension.name}>
                    <TableRow>
                      <TableCell
                        component="th"
                        scope="colgroup"
                        colSpan={LEVELS.length + 1}
                        className={classes.dimension}
                      >
                        {dimension.name}
                      </TableCell>
                    </TableRow>
                    {dimension.rows.map(row => (
                      <TableRow key={row.subDimension}>
                        <TableCell component="th" scope="row">
                          {row.subDimension}
                        </TableCell>
                        {row.levels.map(cell => (
                          <HeatmapCell
                            key={cell.level}
                            subDimension={row.subDimension}
                            cell={cell}
                            components={heatmap.components}
                          />
                        ))}
                      </TableRow>
                    ))}
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className={classes.legend}>
            <Typography variant="caption" color="textSecondary">
              Cells: components with every applicable activity of the level
              implemented, of {heatmap.components}; below, the share of
              applicable activities implemented across them; –: nothing to do.
              Shade: share of components
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
        </>
      )}
    </InfoCard>
  );
}
