import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { progressText } from './campaignText';

/** `done of inScope` as text and a bar; the bar is named for axe's aria-progressbar-name. */
export function CampaignProgressBar(props: {
  name: string;
  done: number;
  inScope: number;
}) {
  const { name, done, inScope } = props;
  const text = progressText(done, inScope);
  return (
    <div style={{ minWidth: 120 }}>
      <Typography variant="body2">{text}</Typography>
      <LinearProgress
        variant="determinate"
        value={inScope === 0 ? 0 : (done / inScope) * 100}
        aria-label={`${name}: ${text}`}
      />
    </div>
  );
}
