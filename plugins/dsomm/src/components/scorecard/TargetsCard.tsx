import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Target, TargetsResponse } from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';

function overridesText(target: Target): string {
  const entries = Object.entries(target.dimensions ?? {});
  if (entries.length === 0) return '–';
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dimension, level]) => `${dimension}: ${level}`)
    .join(', ');
}

function tierSourceText(
  source: TargetsResponse['tierSource'] | undefined,
): string | undefined {
  if (!source) return undefined;
  const parts = ['the dsomm.owasp.org/tier annotation'];
  if (source.label) parts.push(`the ${source.label} label`);
  const lifecycles = Object.entries(source.lifecycle ?? {});
  if (lifecycles.length > 0) {
    parts.push(
      `the lifecycle (${lifecycles
        .map(([lifecycle, tier]) => `${lifecycle} → ${tier}`)
        .join(', ')})`,
    );
  }
  const fallback = source.default
    ? `, else ${source.default}`
    : '; without one, the default target applies';
  return `A component's tier comes from ${parts.join(', then ')}${fallback}.`;
}

function TargetsTable(props: { targets: TargetsResponse }) {
  const { targets } = props;
  const tiers = Object.entries(targets.tiers).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  const source = tierSourceText(targets.tierSource);
  return (
    <>
      <Table size="small" aria-label="Target level per tier">
        <TableHead>
          <TableRow>
            <TableCell>Tier</TableCell>
            <TableCell align="right">Target level</TableCell>
            <TableCell>Per-dimension levels</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tiers.map(([tier, target]) => (
            <TableRow key={tier}>
              <TableCell component="th" scope="row">
                {tier}
              </TableCell>
              <TableCell align="right">{target.level}</TableCell>
              <TableCell>{overridesText(target)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell component="th" scope="row">
              Any other tier (default)
            </TableCell>
            <TableCell align="right">{targets.default.level}</TableCell>
            <TableCell>{overridesText(targets.default)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {source && (
        <Typography variant="caption" color="textSecondary" component="p">
          {source}
        </Typography>
      )}
    </>
  );
}

/** The target levels in force, per tier and by default, with per-dimension overrides. */
export function TargetsCard() {
  const dsommApi = useApi(dsommApiRef);
  const { value, loading, error } = useAsync(
    async () => dsommApi.getTargets(),
    [dsommApi],
  );
  let content;
  if (loading) content = <Progress aria-label="Loading the targets" />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) content = <TargetsTable targets={value} />;
  return (
    <InfoCard title="Targets" subheader="Levels each tier must reach">
      {content}
    </InfoCard>
  );
}
