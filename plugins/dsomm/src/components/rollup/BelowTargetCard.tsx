import { InfoCard, Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { ScopeRollupResponse } from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { cardTitleProps } from '../entity/cardTitleProps';
import { formatScore } from '../entity/format';
import { DSOMM_TAB_PATH, refLabel } from '../scorecard/format';
import { useEntityPath } from '../scorecard/useEntityPath';

/** The components below their target, worst first, each linking to its DSOMM tab. */
export function BelowTargetCard(props: {
  belowTarget: ScopeRollupResponse['belowTarget'];
}) {
  const { total, components } = props.belowTarget;
  const entityPath = useEntityPath();
  return (
    <InfoCard
      title={`Below target (${total})`}
      titleTypographyProps={cardTitleProps}
      variant="gridItem"
    >
      {components.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Every component with a target meets it.
        </Typography>
      ) : (
        <Table size="small" aria-label="Components below target">
          <TableHead>
            <TableRow>
              <TableCell>Component</TableCell>
              <TableCell align="right">Level</TableCell>
              <TableCell align="right">Target</TableCell>
              <TableCell align="right">Score</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {components.map(component => (
              <TableRow key={component.entityRef}>
                <TableCell>
                  <Link
                    to={`${entityPath(
                      parseEntityRef(component.entityRef),
                    )}/${DSOMM_TAB_PATH}`}
                  >
                    {component.title ?? refLabel(component.entityRef)}
                  </Link>
                </TableCell>
                <TableCell align="right">{component.overallLevel}</TableCell>
                <TableCell align="right">
                  {component.targetLevel ?? '–'}
                </TableCell>
                <TableCell align="right">
                  {formatScore(component.score)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {total > components.length && (
        <Typography variant="caption" color="textSecondary">
          The worst {components.length} of {total} are shown.
        </Typography>
      )}
    </InfoCard>
  );
}
