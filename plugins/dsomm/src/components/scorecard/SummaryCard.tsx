import { InfoCard } from '@backstage/core-components';
import { GroupAggregate, ScorecardGroup } from '@dsomm/plugin-dsomm-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatNumber, formatPercent } from './format';

function Figure(props: { label: string; value: string; detail?: string }) {
  return (
    <Grid item xs={6}>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
        {props.detail && ` (${props.detail})`}
      </Typography>
    </Grid>
  );
}

/** Headline figures over every component matching the filters. */
export function SummaryCard(props: {
  total: GroupAggregate & Partial<Pick<ScorecardGroup, 'notAssessed'>>;
}) {
  const { total } = props;
  return (
    <InfoCard title="Summary" variant="gridItem">
      <Grid container spacing={2}>
        <Figure label="components" value={String(total.count)} />
        <Figure
          label="meet their target"
          value={formatPercent(total.shareMeetingTarget)}
          detail={`${total.meetingTarget} components`}
        />
        <Figure
          label="mean score (0-100)"
          value={formatNumber(total.meanScore)}
        />
        <Figure
          label="mean overall level (0-5)"
          value={formatNumber(total.overall.mean)}
        />
        {total.notAssessed !== undefined && (
          // Counted apart: level 0 for want of evidence is not a failed assessment.
          <Figure
            label="not assessed yet"
            value={String(total.notAssessed)}
            detail="no evidence, own or inherited"
          />
        )}
      </Grid>
    </InfoCard>
  );
}
