import { EmptyState, InfoCard } from '@backstage/core-components';
import { DsommModel, NextStep } from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ActivityFactsLine } from './ActivityFactsLine';
import { ActivityLink } from './ActivityLink';
import { activityLookup } from './activityRows';
import { cardTitleProps } from './cardTitleProps';
import { ACTIVITIES_ANCHOR, URL_PARAMS } from './useActivityUrlState';

const SHOWN = 5;

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    borderBottom: `1px solid ${theme.palette.divider}`,
    paddingTop: theme.spacing(1.5),
    paddingBottom: theme.spacing(1.5),
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: theme.spacing(0.5, 0),
  },
}));

/**
 * The missing activities worth doing next, each with why it ranks where it does. The answer
 * holds at most ten; when the target needs more, a link shows all of them in the activity table.
 */
export function NextStepsCard(props: {
  nextSteps: NextStep[];
  model?: DsommModel;
  onAttest?: (activityId: string) => void;
  /** How many activities the target still needs (all of them, not only the next steps). */
  neededCount?: number;
}) {
  const { nextSteps, model, onAttest, neededCount = 0 } = props;
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const [, setParams] = useSearchParams();
  const openDetails = (key: string) =>
    setParams(current => {
      const next = new URLSearchParams(current);
      next.set(URL_PARAMS.activity, key);
      return next;
    });
  const showNeeded = () => {
    // Only the status filter: others set earlier would hide some of what is needed.
    setParams(current => {
      const next = new URLSearchParams(current);
      for (const name of Object.values(URL_PARAMS)) next.delete(name);
      next.set(URL_PARAMS.status, 'needed');
      return next;
    });
    document.getElementById(ACTIVITIES_ANCHOR)?.scrollIntoView?.();
  };
  const lookup = activityLookup(model);
  const shown = showAll ? nextSteps : nextSteps.slice(0, SHOWN);
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Next steps"
      variant="gridItem"
    >
      {nextSteps.length === 0 ? (
        <EmptyState
          missing="data"
          title="No next steps"
          description="Every applicable activity is implemented."
        />
      ) : (
        <>
          <List disablePadding aria-label="Next steps">
            {shown.map(step => {
              const activity = lookup(step.activityId);
              const dependencies = step.unmetDependencyIds.map(
                id => lookup(id).name,
              );
              return (
                <ListItem
                  key={step.activityId}
                  className={classes.item}
                  disableGutters
                >
                  <Typography variant="subtitle2" component="div">
                    <ActivityLink name={activity.name} url={activity.url} />
                  </Typography>
                  <ActivityFactsLine facts={activity} />
                  <div className={classes.chips}>
                    <Chip size="small" label={`Level ${step.level}`} />
                    <Chip
                      size="small"
                      label={`${step.dimension} / ${step.subDimension}`}
                    />
                    {step.towardTarget && (
                      <Chip
                        size="small"
                        color="primary"
                        label="Needed for target"
                      />
                    )}
                  </div>
                  <Typography variant="body2">{step.why}</Typography>
                  {dependencies.length > 0 && (
                    <Typography variant="body2" color="textSecondary">
                      Depends on: {dependencies.join(', ')}
                    </Typography>
                  )}
                  <Button
                    size="small"
                    onClick={() => openDetails(activity.key)}
                    aria-label={`Details of ${activity.name}`}
                  >
                    Details
                  </Button>
                  {onAttest && (
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => onAttest(step.activityId)}
                      aria-label={`Attest ${activity.name}`}
                    >
                      Attest
                    </Button>
                  )}
                </ListItem>
              );
            })}
          </List>
          {nextSteps.length > SHOWN && (
            <Box mt={1}>
              <Button size="small" onClick={() => setShowAll(!showAll)}>
                {showAll ? 'Show fewer' : `Show all ${nextSteps.length}`}
              </Button>
            </Box>
          )}
          {neededCount > 0 && (
            <Box mt={1}>
              <Button size="small" color="primary" onClick={showNeeded}>
                {`Show all ${neededCount} needed for target`}
              </Button>
            </Box>
          )}
        </>
      )}
    </InfoCard>
  );
}
