import { CampaignBurnUpPoint } from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** The burn-up's figures as a table, the chart's alternative for screen readers and copying. */
export function BurnUpTable(props: { points: CampaignBurnUpPoint[] }) {
  return (
    <Table size="small" aria-label="Burn-up by day">
      <TableHead>
        <TableRow>
          <TableCell>Day</TableCell>
          <TableCell align="right">Done</TableCell>
          <TableCell align="right">In scope</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.points.map(point => (
          <TableRow key={point.day}>
            <TableCell>{point.day}</TableCell>
            <TableCell align="right">{point.done}</TableCell>
            <TableCell align="right">{point.inScope}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
