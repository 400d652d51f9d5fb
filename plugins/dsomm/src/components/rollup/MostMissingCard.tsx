import { InfoCard } from '@backstage/core-components';
import { DsommModel, ScopeRollupResponse } from '@dsomm/plugin-dsomm-common';
import Typography from '@material-ui/core/Typography';
import { ActivityLink } from '../entity/ActivityLink';
import { cardTitleProps } from '../entity/cardTitleProps';

/** A sentence for one missed activity: "7 of 9 components miss". */
export function missingSummary(missing: number, outOf: number): string {
  return `${missing} of ${outOf} component${outOf === 1 ? '' : 's'} miss${
    outOf === 1 && missing === 1 ? 'es' : ''
  }`;
}

/**
 * The activities most components of the scope miss for their target: recording one at the
 * scope lifts them all at once.
 */
export function MostMissingCard(props: {
  mostMissing: ScopeRollupResponse['mostMissing'];
  model?: DsommModel;
  limit?: number;
}) {
  const { mostMissing, model } = props;
  const activities = mostMissing.activities.slice(0, props.limit);
  const urls = new Map(model?.activities.map(a => [a.id, a.url]) ?? []);
  return (
    <InfoCard
      title="Most often missing for target"
      titleTypographyProps={cardTitleProps}
      variant="gridItem"
    >
      {activities.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No component misses an activity for its target.
        </Typography>
      ) : (
        <ol aria-label="Activities most often missing" style={{ margin: 0 }}>
          {activities.map(activity => {
            const url = urls.get(activity.activityId);
            return (
              <li key={activity.activityId}>
                <Typography variant="body2">
                  {missingSummary(activity.missing, mostMissing.outOf)}{' '}
                  {url ? (
                    <ActivityLink name={activity.name} url={url} />
                  ) : (
                    activity.name
                  )}{' '}
                  (<code>{activity.key}</code>, level {activity.level},{' '}
                  {activity.subDimension})
                </Typography>
              </li>
            );
          })}
        </ol>
      )}
      <Typography variant="caption" color="textSecondary">
        Record one at this scope to fix it once for every component below.
      </Typography>
    </InfoCard>
  );
}
