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
import { ActivityLink } from './ActivityLink';
import { activityLookup } from './activityRows';
import { cardTitleProps } from './cardTitleProps';

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

/** The missing activities worth doing next, each with why it ranks where it does. */
export function NextStepsCard(props: {
  nextSteps: NextStep[];
  model?: DsommModel;
  onAttest?: (activityId: string) => void;
}) {
  const { nextSteps, model, onAttest } = props;
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
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
        </>
      )}
    </InfoCard>
  );
}
