import { InfoCard } from '@backstage/core-components';
import {
  GroupKpis,
  ScorecardTrendResponse,
  TrendKpis,
} from '@dsomm/plugin-dsomm-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatPercent } from './format';
import {
  changeText,
  kpiChange,
  mttrDetail,
  openPastSlaDetail,
  openPastSlaTotal,
} from './outcomes';

function Figure(props: {
  label: string;
  value: string;
  detail?: string;
  change?: string;
}) {
  return (
    <Grid item xs={12} sm={6} md={3} role="group" aria-label={props.label}>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      {props.detail && (
        <Typography variant="caption" color="textSecondary" component="p">
          {props.detail}
        </Typography>
      )}
      {props.change && (
        <Typography variant="caption" component="p">
          {props.change}
        </Typography>
      )}
    </Grid>
  );
}

/**
 * The organisation's outcomes over the components shown: open findings past SLA, critical
 * misconfigurations, the automated share and mean time to fix, each with how it moved over
 * the trend's days (from the daily KPI snapshots).
 */
export function OutcomesStrip(props: {
  kpis: GroupKpis;
  /** The scorecard's trend; it only adds arrows: without it the figures still show. */
  trend?: ScorecardTrendResponse;
}) {
  const { kpis, trend } = props;
  const points = trend?.points ?? [];
  const change = (pick: (k: TrendKpis) => number | null, share = false) =>
    changeText(kpiChange(points, pick), share);
  const pastSla = openPastSlaTotal(kpis);
  return (
    <InfoCard
      title="Outcomes"
      subheader={`Findings fixed in the last ${kpis.windowDays} days, and what is open now, over the components shown`}
      variant="gridItem"
    >
      <Grid container spacing={2}>
        <Figure
          label="open past SLA"
          value={pastSla === null ? '–' : String(pastSla)}
          detail={openPastSlaDetail(kpis)}
          change={change(k => k.openPastSla)}
        />
        <Figure
          label="critical misconfigurations"
          value={String(kpis.criticalMisconfigurations)}
          detail="open critical or high findings of IaC and container scans"
          change={change(k => k.criticalMisconfigurations)}
        />
        <Figure
          label="proven by automation"
          value={formatPercent(kpis.automatedShare)}
          detail="of implemented activities, by reports or annotation rules"
          change={change(k => k.automatedShare, true)}
        />
        <Figure
          label="mean time to fix critical findings"
          value={
            kpis.mttrDays.critical === null
              ? '–'
              : `${Math.round(kpis.mttrDays.critical * 10) / 10} d`
          }
          detail={mttrDetail(kpis)}
          change={
            change(k => k.mttrDays) &&
            `all severities: ${change(k => k.mttrDays)}`
          }
        />
      </Grid>
    </InfoCard>
  );
}
