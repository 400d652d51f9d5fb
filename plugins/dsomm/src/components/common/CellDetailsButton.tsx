import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { KeyboardEvent, ReactNode, useState } from 'react';
import { focusRing } from './focusRing';

const useStyles = makeStyles(theme => ({
  button: {
    display: 'block',
    width: '100%',
    padding: theme.spacing(0.5, 0.25),
    font: 'inherit',
    color: 'inherit',
    textAlign: 'inherit',
    borderRadius: 2,
    ...focusRing(theme, -2),
  },
  details: { fontSize: theme.typography.body2.fontSize },
}));

/**
 * The content of a heatmap cell as a button: its accessible name says every value of the
 * cell, and its details show on hover, on keyboard focus, and on click or tap, not on hover
 * alone. Escape hides them.
 */
export function CellDetailsButton(props: {
  /** The whole cell in words: what a screen reader announces. */
  label: string;
  /** What the details popup shows; the label when absent. */
  details?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
    }
  };
  return (
    <Tooltip
      title={
        <span className={classes.details}>{props.details ?? props.label}</span>
      }
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      // Taps go through onClick; the tooltip's own touch timers would close the details again.
      disableTouchListener
      arrow
    >
      <ButtonBase
        className={classes.button}
        aria-label={props.label}
        // The focus ring marks focus; a ripple per cell only costs rendering time.
        disableRipple
        // A tap or click shows the details; Escape, moving focus or the pointer away hides them.
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      >
        {props.children}
      </ButtonBase>
    </Tooltip>
  );
}
