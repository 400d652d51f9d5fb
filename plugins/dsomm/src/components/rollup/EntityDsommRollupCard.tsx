import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { cardTitleProps } from '../entity/cardTitleProps';
import { ActivityLink } from '../entity/ActivityLink';
import { RollupFigures } from './RollupFigures';
import { missingSummary } from './MostMissingCard';
import { useRollup } from './useRollup';
import { useFocusRingStyles } from '../common/focusRing';

/**
 * A summary of the DSOMM maturity of the components below a Group, System or Domain for its
 * overview page: how many meet their target and the activity most of them miss.
 */
export function EntityDsommRollupCard(props: {
  /** Link to the DSOMM tab, relative to the overview page; `dsomm` by default. */
  tabLink?: string;
}) {
  const { api, rollup } = useRollup();
  const focus = useFocusRingStyles();
  const model = useAsync(() => api.getModel(), [api]);

  let body: JSX.Element;
  if (rollup.loading || model.loading) {
    body = <Progress aria-label="Loading the roll-up" />;
  } else if (rollup.error || !rollup.value) {
    body = (
      <ResponseErrorPanel error={rollup.error ?? new Error('No roll-up')} />
    );
  } else {
    const value = rollup.value;
    const top = value.mostMissing.activities[0];
    const url = top
      ? model.value?.activities.find(a => a.id === top.activityId)?.url
      : undefined;
    body = (
      <>
        <RollupFigures rollup={value.rollup} />
        <Typography variant="subtitle2" component="h3">
          Most often missing
        </Typography>
        {top ? (
          <Typography variant="body1">
            {missingSummary(top.missing, value.mostMissing.outOf)}{' '}
            {url ? <ActivityLink name={top.name} url={url} /> : top.name} (level{' '}
            {top.level}, {top.subDimension})
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            None: every component has what its target asks for.
          </Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard
      className={focus.focusRing}
      titleTypographyProps={cardTitleProps}
      title="DSOMM maturity below"
      deepLink={{ title: 'View DSOMM roll-up', link: props.tabLink ?? 'dsomm' }}
    >
      {body}
    </InfoCard>
  );
}
