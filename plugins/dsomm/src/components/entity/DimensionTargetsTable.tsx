import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { TargetStatus } from './StatusChips';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * Each dimension's level against its target, with how many activities it still misses.
 * Before any evidence the status says "Not assessed" rather than a red "Below target".
 */
export function DimensionTargetsTable(props: { score: EntityScoreResponse }) {
  const { gap } = props.score;
  const classes = useStyles();
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Dimension levels against target">
        <TableHead>
          <TableRow>
            <TableCell className={classes.nowrap}>Dimension</TableCell>
            <TableCell align="right" className={classes.nowrap}>
              Level
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              Target
            </TableCell>
            <TableCell
              align="right"
              className={classes.nowrap}
              title="Applicable activities up to the target level that are not implemented"
            >
              Missing
            </TableCell>
            <TableCell className={classes.nowrap}>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {gap.dimensions.map(d => (
            <TableRow key={d.dimension}>
              <TableCell component="th" scope="row">
                {d.dimension}
              </TableCell>
              <TableCell align="right">{d.achieved}</TableCell>
              <TableCell align="right">{d.target}</TableCell>
              <TableCell align="right">{d.missingActivityIds.length}</TableCell>
              <TableCell className={classes.nowrap}>
                {props.score.assessed === false ? (
                  'Not assessed'
                ) : (
                  <TargetStatus meetsTarget={d.meetsTarget} />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
