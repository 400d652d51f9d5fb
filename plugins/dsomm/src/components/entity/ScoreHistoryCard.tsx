import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ScoreHistoryResponse } from '@dsomm/plugin-dsomm-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatScore } from './format';
import { historySummary } from './historySummary';
import { ScoreHistoryChart } from './ScoreHistoryChart';
import { cardTitleProps } from './cardTitleProps';

const useStyles = makeStyles(theme => ({
  summary: { marginTop: theme.spacing(1) },
  details: {
    marginTop: theme.spacing(1),
    '& summary': { cursor: 'pointer', color: theme.palette.text.secondary },
  },
}));

function targetText(meetsTarget: boolean | null): string {
  if (meetsTarget === null) return 'No target';
  return meetsTarget ? 'Met' : 'Not met';
}

/** Daily overall level and score as a chart, a sentence and a table. */
export function ScoreHistoryCard(props: {
  loading: boolean;
  error?: Error;
  value?: ScoreHistoryResponse;
  targetLevel?: number;
}) {
  const { loading, error, value, targetLevel } = props;
  const classes = useStyles();
  let body: JSX.Element;
  if (loading) {
    body = <Progress aria-label="Loading the score history" />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.history.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No history yet"
        description="The backend keeps one snapshot of the score per day; the first appears after the next scoring run."
      />
    );
  } else {
    const history = value.history;
    body = (
      <>
        <ScoreHistoryChart history={history} targetLevel={targetLevel} />
        <Typography variant="body2" className={classes.summary}>
          {historySummary(history)}
        </Typography>
        <details className={classes.details}>
          <summary>Values per day</summary>
          <Table size="small" aria-label="Overall level and score per day">
            <TableHead>
              <TableRow>
                <TableCell>Day</TableCell>
                <TableCell align="right">Level</TableCell>
                <TableCell align="right">Score</TableCell>
                <TableCell>Target</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...history].reverse().map(p => (
                <TableRow key={p.day}>
                  <TableCell>{p.day}</TableCell>
                  <TableCell align="right">{p.overallLevel}</TableCell>
                  <TableCell align="right">{formatScore(p.score)}</TableCell>
                  <TableCell>{targetText(p.meetsTarget)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </details>
      </>
    );
  }
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Score history"
      variant="gridItem"
    >
      {body}
    </InfoCard>
  );
}
