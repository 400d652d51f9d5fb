import Typography from '@material-ui/core/Typography';

/** A failed action's message, announced to screen readers. */
export function DialogError(props: { message?: string }) {
  if (!props.message) return null;
  return (
    <Typography role="alert" color="error" variant="body2">
      {props.message}
    </Typography>
  );
}
