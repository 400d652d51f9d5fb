import { Entity } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { LevelBadge } from '../scorecard/LevelBadge';
import { useLevelSummary } from './useLevelSummary';

const useStyles = makeStyles(theme => ({
  // Parts wrap as wholes: one unbroken line overflowed the catalog's last column.
  part: { whiteSpace: 'nowrap' },
  below: { color: theme.palette.error.main, whiteSpace: 'nowrap' },
}));

/** What the cell says, also its accessible name: level, target and whether it is met. */
function describe(level: number, target: number | null, meets: boolean | null) {
  if (target === null) return `DSOMM level ${level}, no target`;
  return `DSOMM level ${level} of target ${target}${
    meets ? '' : ', below target'
  }`;
}

/**
 * A catalog row's DSOMM level against its target, linking to the entity's DSOMM tab (at
 * `dsomm` next to its overview). Empty for kinds DSOMM does not score.
 */
export function DsommLevelCell(props: { entity: Entity; tabPath?: string }) {
  const { entity, tabPath = 'dsomm' } = props;
  const classes = useStyles();
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error, scored } = useLevelSummary(entity);
  if (!scored) return null;
  if (loading) {
    return (
      <Typography variant="caption" color="textSecondary">
        Loading…
      </Typography>
    );
  }
  if (error) {
    return (
      <Typography
        variant="caption"
        color="error"
        title={`DSOMM level could not be loaded: ${error.message}`}
      >
        Unavailable
      </Typography>
    );
  }
  if (!value) {
    return (
      <Typography variant="caption" color="textSecondary">
        Not scored
      </Typography>
    );
  }
  const label = describe(
    value.overallLevel,
    value.targetLevel,
    value.meetsTarget,
  );
  return (
    <Link
      to={`${entityRoute(entityRouteParams(entity))}/${tabPath}`}
      aria-label={label}
      title={label}
    >
      <LevelBadge level={value.overallLevel} label="DSOMM level" />
      {value.targetLevel !== null && (
        <Typography
          component="span"
          variant="caption"
          color="textPrimary"
          className={classes.part}
        >
          {' '}
          of {value.targetLevel}
        </Typography>
      )}
      {value.meetsTarget === false && (
        <Typography
          component="span"
          variant="caption"
          className={classes.below}
        >
          {' '}
          below target
        </Typography>
      )}
    </Link>
  );
}
