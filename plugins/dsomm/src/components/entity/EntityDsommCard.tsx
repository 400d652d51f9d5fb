import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';
import { ActivityLink } from './ActivityLink';
import { activityLookup } from './activityRows';
import { LevelFigures } from './LevelFigures';
import { cardTitleProps } from './cardTitleProps';
import { useFocusRingStyles } from '../common/focusRing';

/**
 * A summary of the entity's DSOMM maturity for its overview page: level against target,
 * score and the top next step, with a link to the DSOMM tab.
 */
export function EntityDsommCard(props: {
  /** Link to the DSOMM tab, relative to the overview page; `dsomm` by default. */
  tabLink?: string;
}) {
  const { entity } = useEntity();
  const api = useApi(dsommApiRef);
  const focus = useFocusRingStyles();
  const refKey = stringifyEntityRef(entity);
  const ref = useMemo(() => parseEntityRef(refKey), [refKey]);
  const state = useAsync(async () => {
    const [score, model] = await Promise.all([
      api.getEntityScore(ref),
      api.getModel(),
    ]);
    return { score, model };
  }, [api, ref]);

  let body: JSX.Element;
  if (state.loading) {
    body = <Progress aria-label="Loading the DSOMM score" />;
  } else if (state.error || !state.value) {
    body = <ResponseErrorPanel error={state.error ?? new Error('No score')} />;
  } else {
    const { score, model } = state.value;
    const step = score.nextSteps[0];
    const activity = step ? activityLookup(model)(step.activityId) : undefined;
    body = (
      <>
        <LevelFigures score={score} levelLabel="Level" size="compact" />
        {score.assessed === false && (
          <Typography variant="body2" paragraph>
            No evidence yet, own or inherited. The DSOMM tab shows three ways to
            start: an annotation, a CI report upload, or an attestation.
          </Typography>
        )}
        <Typography variant="subtitle2" component="h3">
          Next step
        </Typography>
        {step && activity ? (
          <>
            <Typography variant="body1">
              <ActivityLink name={activity.name} url={activity.url} /> (level{' '}
              {step.level}, {step.subDimension})
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {step.why}
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            None: every applicable activity is implemented.
          </Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard
      className={focus.focusRing}
      titleTypographyProps={cardTitleProps}
      title="DSOMM maturity"
      deepLink={{ title: 'View DSOMM details', link: props.tabLink ?? 'dsomm' }}
    >
      {body}
    </InfoCard>
  );
}
