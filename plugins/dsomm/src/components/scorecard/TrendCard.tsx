import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  ScorecardTrendPoint,
  ScorecardTrendResponse,
} from '@dsomm/plugin-dsomm-common';
import Typography from '@material-ui/core/Typography';
import { formatPercent } from './format';
import { MeasuredPoint, TrendChart } from './TrendChart';

export const TREND_DAYS = 90;

function isMeasured(point: ScorecardTrendPoint): point is MeasuredPoint {
  return point.shareMeetingTarget !== null;
}

/** One or two sentences saying where the share stands and how it moved. */
export function trendSummary(points: MeasuredPoint[]): string {
  const last = points[points.length - 1];
  const now = `On ${last.day}, ${last.meetingTarget} of ${
    last.count
  } components met their target (${formatPercent(
    last.shareMeetingTarget,
  )} of those with a target).`;
  if (points.length === 1) return now;
  const first = points[0];
  const change = Math.round(
    (last.shareMeetingTarget - first.shareMeetingTarget) * 100,
  );
  let movement = `unchanged since ${first.day}`;
  if (change > 0) movement = `up ${change} points since ${first.day}`;
  if (change < 0) movement = `down ${-change} points since ${first.day}`;
  return `${now} That is ${movement} (${formatPercent(
    first.shareMeetingTarget,
  )}).`;
}

/** The trend as the scorecard fetched it (once, for this card and the Outcomes strip). */
export type TrendState = {
  value?: ScorecardTrendResponse;
  loading: boolean;
  error?: Error;
};

function TrendContent(props: { trend: TrendState }) {
  const { value, loading, error } = props.trend;
  if (loading) return <Progress aria-label="Loading the trend" />;
  if (error) return <ResponseErrorPanel error={error} />;
  const points = (value?.points ?? []).filter(isMeasured);
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: the share is recorded once a day for components with a
        target.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" paragraph>
        {trendSummary(points)}
      </Typography>
      <TrendChart points={points} />
    </>
  );
}

/** The share of matching components meeting their target over the last days. */
export function TrendCard(props: { trend: TrendState }) {
  return (
    <InfoCard
      title="Meeting target over time"
      subheader={`Last ${TREND_DAYS} days`}
      variant="gridItem"
    >
      <TrendContent trend={props.trend} />
    </InfoCard>
  );
}
