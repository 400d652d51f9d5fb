import { InfoCard } from '@backstage/core-components';
import {
  EntityKpis,
  KPI_SEVERITIES,
  REPORT_CATEGORIES,
} from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { cardTitleProps } from './cardTitleProps';
import { CATEGORY_LABELS } from './format';
import { useFocusRingStyles } from '../common/focusRing';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  facts: { margin: theme.spacing(2, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

/** "3 days" / "1 day" / "0.5 days", or the given text when there is no figure. */
function days(value: number | null, none: string): string {
  if (value === null) return none;
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

/** The share of implemented activities proven by reports and annotation rules, in words. */
export function automatedShareText(share: number | null): string {
  if (share === null) return 'No activity is implemented yet.';
  return `${Math.round(
    share * 100,
  )}% of the implemented activities are proven by scanner reports or annotation rules; the rest by people's attestations.`;
}

/** When each kind of scan last ran, in words: "SAST 3 days ago", "DAST never". */
export function lastScansText(kpis: EntityKpis): string {
  return REPORT_CATEGORIES.map(category => {
    const ago = kpis.daysSinceLastScan[category];
    const label = CATEGORY_LABELS[category];
    if (ago === null || ago === undefined) return `${label} never`;
    return ago < 1 ? `${label} today` : `${label} ${days(ago, '')} ago`;
  }).join(', ');
}

/**
 * Outcomes, not practices: how fast the component's findings get fixed, what is open past its
 * SLA, and how much of its maturity automation proves (the `kpis` of its score).
 */
export function OutcomesCard(props: { kpis: EntityKpis }) {
  const { kpis } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  return (
    <InfoCard
      className={focus.focusRing}
      titleTypographyProps={cardTitleProps}
      title="Outcomes"
      subheader={`Findings fixed in the last ${kpis.windowDays} days, and what is open now`}
    >
      <div className={classes.scroll}>
        <Table
          size="small"
          aria-label="Time to fix and open past SLA, by severity"
        >
          <TableHead>
            <TableRow>
              <TableCell>Severity</TableCell>
              <TableCell align="right">Mean time to fix</TableCell>
              <TableCell align="right">Open past SLA</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {KPI_SEVERITIES.map(severity => (
              <TableRow key={severity}>
                <TableCell component="th" scope="row">
                  {severity}
                </TableCell>
                <TableCell align="right">
                  {days(kpis.mttrDays[severity], 'none fixed')}
                </TableCell>
                <TableCell align="right">
                  {kpis.openPastSla[severity] ?? 'no SLA'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ul className={classes.facts}>
        <li>
          <Typography variant="body2">
            {automatedShareText(kpis.automatedShare)}
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            Critical misconfigurations open (critical or high findings of IaC
            and container scans): {kpis.criticalMisconfigurations}
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            Last scans: {lastScansText(kpis)}.
          </Typography>
        </li>
      </ul>
    </InfoCard>
  );
}
