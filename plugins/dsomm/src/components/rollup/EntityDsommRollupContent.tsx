import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { cardTitleProps } from '../entity/cardTitleProps';
import { TeamMatrix } from '../matrix/TeamMatrix';
import { LevelDistribution } from '../scorecard/LevelDistribution';
import { BelowTargetCard } from './BelowTargetCard';
import { DimensionMeansCard } from './DimensionMeansCard';
import { MostMissingCard } from './MostMissingCard';
import { RollupFigures } from './RollupFigures';
import { RollupHeatmapCard } from './RollupHeatmapCard';
import { useRollup } from './useRollup';
import { PeopleProvider } from '../people/PeopleProvider';
import { useFocusRingStyles } from '../common/focusRing';
import { EntityCampaignsCard } from '../campaigns/EntityCampaignsCard';
import { useEntityCampaigns } from '../campaigns/useEntityCampaigns';

/**
 * The DSOMM tab of a Group, System or Domain page: the roll-up of the components below it,
 * those below target, the sub-dimension x level heatmap across them, the activities most of
 * them miss, and the team assessment matrix
 * where the scope's own evidence is recorded.
 */
export function EntityDsommRollupContent() {
  const { api, ref, refKey, rollup } = useRollup();
  const model = useAsync(() => api.getModel(), [api]);
  const focus = useFocusRingStyles();
  const campaigns = useEntityCampaigns(refKey);

  if ((rollup.loading && !rollup.value) || model.loading) {
    return <Progress aria-label="Loading the roll-up" />;
  }
  if (rollup.error) return <ResponseErrorPanel error={rollup.error} />;
  if (model.error) return <ResponseErrorPanel error={model.error} />;
  if (!rollup.value || !model.value)
    return <Progress aria-label="Loading the roll-up" />;
  const value = rollup.value;

  return (
    <PeopleProvider>
      <Grid
        container
        spacing={3}
        alignItems="stretch"
        className={focus.focusRing}
      >
        <Grid item xs={12} lg={6}>
          <InfoCard
            title="Components below"
            titleTypographyProps={cardTitleProps}
            variant="gridItem"
          >
            <RollupFigures rollup={value.rollup} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={6}>
          <LevelDistribution overall={value.rollup.overall} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <DimensionMeansCard rollup={value.rollup} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <BelowTargetCard belowTarget={value.belowTarget} />
        </Grid>
        {campaigns.length > 0 && (
          <Grid item xs={12}>
            <EntityCampaignsCard campaigns={campaigns} scope />
          </Grid>
        )}
        <Grid item xs={12}>
          <RollupHeatmapCard heatmap={value.heatmap} />
        </Grid>
        <Grid item xs={12}>
          <MostMissingCard
            mostMissing={value.mostMissing}
            model={model.value}
          />
        </Grid>
        <Grid item xs={12}>
          <TeamMatrix
            scopeRef={ref}
            scopeRefKey={refKey}
            scope={value.scope}
            model={model.value}
            mostMissing={value.mostMissing}
            onRecorded={rollup.retry}
          />
        </Grid>
      </Grid>
    </PeopleProvider>
  );
}
