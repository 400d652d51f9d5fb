import { InfoCard, Link } from '@backstage/core-components';
import { EntityCampaign } from '@dsomm/plugin-dsomm-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useCampaignsPath } from '../common/useScorecardPath';
import { cardTitleProps } from '../entity/cardTitleProps';
import { CampaignProgressBar } from './CampaignProgressBar';
import { ActivityNames, dayOf, daysLeftText, goalText } from './campaignText';
import { ComponentTabLink } from './ComponentTabLink';
import { useActivityNames } from './useCampaignModel';

function activitiesCount(count: number) {
  return `${count} ${count === 1 ? 'activity' : 'activities'}`;
}

/** What a component still lacks for the campaign: the activities by name. */
function ComponentLeft(props: {
  campaign: EntityCampaign;
  names: ActivityNames;
}) {
  const left = props.campaign.here.components.flatMap(
    c => c.remainingActivityIds,
  );
  if (props.campaign.here.done === props.campaign.here.inScope) {
    return <Typography variant="body2">Goal reached here.</Typography>;
  }
  return (
    <Typography variant="body2">
      Still needed: {left.map(props.names).join(', ')}
    </Typography>
  );
}

/** Which components below a Group, System or Domain are still short, with how much. */
function ScopeLeft(props: { campaign: EntityCampaign }) {
  const short = props.campaign.here.components.filter(c => !c.done);
  if (short.length === 0) {
    return (
      <Typography variant="body2">
        Every component here reached the goal.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="div">
      Still short:
      <ul style={{ margin: 0 }}>
        {short.map(c => (
          <li key={c.entityRef}>
            <ComponentTabLink entityRef={c.entityRef} /> (
            {activitiesCount(c.remainingActivityIds.length)} to go)
          </li>
        ))}
      </ul>
    </Typography>
  );
}

/**
 * The live campaigns that concern an entity: deadline, how far this entity (or the components
 * below it) got, and what is left. `scope` is for Groups, Systems and Domains.
 */
export function EntityCampaignsCard(props: {
  campaigns: EntityCampaign[];
  scope?: boolean;
}) {
  const names = useActivityNames();
  const campaignPath = useCampaignsPath();
  const [now] = useState(() => new Date());
  return (
    <InfoCard title="Campaigns" titleTypographyProps={cardTitleProps}>
      {props.campaigns.map((c, i) => (
        <section
          key={c.id}
          aria-label={c.name}
          style={{ marginTop: i === 0 ? 0 : 16 }}
        >
          <Typography variant="subtitle1" component="h3">
            <Link to={campaignPath(c.id)}>{c.name}</Link>
          </Typography>
          <Typography variant="body2">
            {goalText(c.goal, names)} by {dayOf(c.deadline)} (
            {daysLeftText(c.deadline, now)})
          </Typography>
          <CampaignProgressBar
            name={c.name}
            done={c.here.done}
            inScope={c.here.inScope}
          />
          {props.scope ? (
            <ScopeLeft campaign={c} />
          ) : (
            <ComponentLeft campaign={c} names={names} />
          )}
        </section>
      ))}
    </InfoCard>
  );
}
