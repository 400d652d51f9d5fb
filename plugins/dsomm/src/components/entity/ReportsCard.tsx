import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  EntityReportsResponse,
  SEVERITIES,
  StoredReport,
} from '@dsomm/plugin-dsomm-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { reportAnchorId } from './EvidenceList';
import { CATEGORY_LABELS, formatTime, isHttpUrl } from './format';
import { PersonName } from '../people/PersonName';
import { cardTitleProps } from './cardTitleProps';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  severities: { margin: 0, padding: 0, listStyle: 'none' },
  nowrap: { whiteSpace: 'nowrap' },
  row: {
    '&:target': { backgroundColor: theme.palette.action.selected },
  },
  source: { wordBreak: 'break-all' },
}));

function Findings(props: { report: StoredReport }) {
  const { summary } = props.report;
  const classes = useStyles();
  const counted = SEVERITIES.filter(s => (summary.counts[s] ?? 0) > 0);
  if (summary.totalFindings === 0 || counted.length === 0) {
    return <Typography variant="body2">No findings</Typography>;
  }
  return (
    <ul
      className={classes.severities}
      aria-label={`${summary.totalFindings} findings`}
    >
      {counted.map(severity => (
        <li key={severity} className={classes.nowrap}>
          <Typography variant="body2" component="span">
            {summary.counts[severity]} {severity}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** The scanner reports uploaded for the entity, newest first. */
export function ReportsCard(props: {
  loading: boolean;
  error?: Error;
  value?: EntityReportsResponse;
}) {
  const { loading, error, value } = props;
  const classes = useStyles();
  let body: JSX.Element;
  if (loading) {
    body = <Progress aria-label="Loading reports" />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.reports.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No scanner reports"
        description="Upload a scanner's output (SARIF, CycloneDX, Trivy, ZAP and more) from CI to prove the scanning activities. See the plugin's README, “Uploading from CI”."
      />
    );
  } else {
    body = (
      <div className={classes.scroll}>
        <Table size="small" aria-label="Uploaded scanner reports">
          <TableHead>
            <TableRow>
              <TableCell>Tool</TableCell>
              <TableCell>Format</TableCell>
              <TableCell>Categories</TableCell>
              <TableCell>Findings</TableCell>
              <TableCell>Scanned</TableCell>
              <TableCell>Uploaded</TableCell>
              <TableCell>Source</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.reports.map(report => (
              <TableRow
                key={report.id}
                id={reportAnchorId(report.id)}
                className={classes.row}
              >
                <TableCell component="th" scope="row">
                  {report.summary.tool.name}
                  {report.summary.tool.version
                    ? ` ${report.summary.tool.version}`
                    : ''}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    Report {report.id.slice(0, 8)}
                  </Typography>
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {report.summary.format} ({report.summary.syntax})
                </TableCell>
                <TableCell>
                  <div className={classes.chips}>
                    {report.summary.categories.map(category => (
                      <Chip
                        key={category}
                        size="small"
                        label={CATEGORY_LABELS[category] ?? category}
                      />
                    ))}
                  </div>
                </TableCell>
                <TableCell>
                  <Findings report={report} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {report.summary.scannedAt
                    ? formatTime(report.summary.scannedAt)
                    : 'not stated'}
                </TableCell>
                <TableCell>
                  <span className={classes.nowrap}>
                    {formatTime(report.uploadedAt)}
                  </span>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    by <PersonName entityRef={report.uploadedBy} />
                  </Typography>
                </TableCell>
                <TableCell className={classes.source}>
                  {isHttpUrl(report.source) ? (
                    <Link
                      to={report.source}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {report.source}
                    </Link>
                  ) : (
                    report.source ?? '–'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Scanner reports"
      noPadding={Boolean(value?.reports.length)}
    >
      {body}
    </InfoCard>
  );
}
