import { InfoCard } from '@backstage/core-components';
import { GroupAggregate } from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { cardTitleProps } from '../entity/cardTitleProps';
import { HeatCell, HeatLegend } from '../scorecard/HeatCell';

/** Per dimension, the components' mean level as a heat cell and how many are at each level. */
export function DimensionMeansCard(props: { rollup: GroupAggregate }) {
  const dimensions = Object.entries(props.rollup.dimensions);
  return (
    <InfoCard
      title="Levels per dimension"
      titleTypographyProps={cardTitleProps}
      variant="gridItem"
    >
      <Table size="small" aria-label="Mean level per dimension">
        <TableHead>
          <TableRow>
            <TableCell>Dimension</TableCell>
            <TableCell align="center">Mean level</TableCell>
            <TableCell>Components at level 0 / 1 / 2 / 3 / 4 / 5</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {dimensions.map(([name, stats]) => (
            <TableRow key={name}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <HeatCell stats={stats} label={name} />
              <TableCell>{stats.distribution.join(' / ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary" component="div">
        Colour by mean level: <HeatLegend />
      </Typography>
    </InfoCard>
  );
}
