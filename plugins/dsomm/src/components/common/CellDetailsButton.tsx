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
  // Read by screen readers, not shown: the button's name (ButtonBase is position: relative).
  spoken: {
    position: 'absolute',
    width: 1,
    height: 1,
    margin: -1,
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
}));

/**
 * The content of a heatmap cell as a button: its accessible name (hidden text, the shown
 * figure hidden from screen readers) says every value of the cell, and its details show on hover, on keyboard focus, and on click or tap, not on hover
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
        // The focus ring marks focus; a ripple per cell only costs rendering time.
        disableRipple
        // A tap or click shows the details; Escape, moving focus or the pointer away hides them.
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      >
        {/* The name is the whole cell in words, from the button's content rather than an
            aria-label, so the short figure shown is not a second, mismatching label. */}
        <span aria-hidden>{props.children}</span>
        <span className={classes.spoken}>{props.label}</span>
      </ButtonBase>
    </Tooltip>
  );
}
