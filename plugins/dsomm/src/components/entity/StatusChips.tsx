import { ActivityStatus } from '@dsomm/plugin-dsomm-common';
import Chip from '@material-ui/core/Chip';
import { PaletteColor } from '@material-ui/core/styles/createPalette';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import HistoryIcon from '@material-ui/icons/History';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import SyncProblemIcon from '@material-ui/icons/SyncProblem';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import { TargetRelation } from './activityRows';
import { readableTone } from './readableTone';
import { STATUS_LABELS } from './format';

const useStyles = makeStyles(theme => {
  const tone = (color: PaletteColor) => ({
    color: readableTone(theme, color),
    borderColor: readableTone(theme, color),
    '& $icon': { color: 'inherit' },
  });
  return {
    icon: {},
    chip: { fontWeight: theme.typography.fontWeightMedium as number },
    good: tone(theme.palette.success),
    bad: tone(theme.palette.error),
    warn: tone(theme.palette.warning),
    neutral: {
      color: theme.palette.text.secondary,
      borderColor: theme.palette.divider,
      '& $icon': { color: 'inherit' },
    },
  };
});

type Tone = 'good' | 'bad' | 'warn' | 'neutral';

function ToneChip(props: {
  tone: Tone;
  label: string;
  icon: JSX.Element;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  return (
    <Chip
      variant="outlined"
      size={props.size ?? 'small'}
      icon={props.icon}
      label={props.label}
      classes={{
        root: `${classes.chip} ${classes[props.tone]}`,
        icon: classes.icon,
      }}
    />
  );
}

/** "Meets target" or "Below target", as text with an icon, coloured by the theme. */
export function TargetStatus(props: {
  meetsTarget: boolean | null | undefined;
  size?: 'small' | 'medium';
}) {
  const { meetsTarget, size } = props;
  if (meetsTarget === null || meetsTarget === undefined) {
    return (
      <ToneChip
        tone="neutral"
        size={size}
        label="No target"
        icon={<RemoveCircleOutlineIcon />}
      />
    );
  }
  return meetsTarget ? (
    <ToneChip
      tone="good"
      size={size}
      label="Meets target"
      icon={<CheckCircleIcon />}
    />
  ) : (
    <ToneChip
      tone="bad"
      size={size}
      label="Below target"
      icon={<ReportProblemIcon />}
    />
  );
}

const STATUS_TONES: Record<ActivityStatus, Tone> = {
  implemented: 'good',
  stale: 'warn',
  missing: 'bad',
  'not-applicable': 'neutral',
  // Declared but measured otherwise: it does not count, like a missing one.
  contradicted: 'bad',
};

const STATUS_ICONS: Record<ActivityStatus, JSX.Element> = {
  implemented: <CheckCircleIcon />,
  stale: <HistoryIcon />,
  missing: <ErrorOutlineIcon />,
  'not-applicable': <RemoveCircleOutlineIcon />,
  contradicted: <SyncProblemIcon />,
};

/**
 * An activity's status as a chip: text and icon, coloured by the theme. A missing activity
 * above the component's target is not a failure: it shows grey as "Beyond target".
 */
export function ActivityStatusChip(props: {
  status: ActivityStatus;
  target?: TargetRelation;
}) {
  if (props.status === 'missing' && props.target === 'beyond') {
    return (
      <ToneChip
        tone="neutral"
        label="Beyond target"
        icon={<RemoveCircleOutlineIcon />}
      />
    );
  }
  return (
    <ToneChip
      tone={STATUS_TONES[props.status]}
      label={STATUS_LABELS[props.status]}
      icon={STATUS_ICONS[props.status]}
    />
  );
}
