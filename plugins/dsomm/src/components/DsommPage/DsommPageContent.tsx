import { Content } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PendingApprovalsCard } from '../approvals';
import { DsommPageRoutes } from './DsommPageRoutes';

export const PAGE_TITLE = 'DevSecOps maturity';
export const PAGE_SUBTITLE =
  'OWASP DevSecOps Maturity Model (DSOMM) across the organisation';

const useStyles = makeStyles(theme => ({
  header: { marginBottom: theme.spacing(2) },
  title: { overflowWrap: 'normal', wordBreak: 'normal' },
}));

/**
 * The scorecard page as the new frontend system shows it: the app's plugin header (the
 * plugin's title and icon, and the page's h1) sits above, so the page opens with its own title
 * (an h2) and subtitle as text, instead of a second banner header.
 */
export function DsommPageContent() {
  const classes = useStyles();
  return (
    <Content>
      <div className={classes.header}>
        <Typography variant="h4" component="h2" className={classes.title}>
          {PAGE_TITLE}
        </Typography>
        {/* The primary text colour: the secondary one is 4.47:1 on the page's grey, under
            the 4.5:1 that body text needs (axe-core's color-contrast). */}
        <Typography variant="subtitle1" component="p">
          {PAGE_SUBTITLE}
        </Typography>
      </div>
      {/* Approvers see what waits for them first; nothing shows when nothing does. */}
      <div className={classes.header}>
        <PendingApprovalsCard />
      </div>
      <DsommPageRoutes />
    </Content>
  );
}
