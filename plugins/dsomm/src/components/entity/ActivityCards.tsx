import { TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import { ActivityRow } from './activityRows';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: theme.spacing(0, 1, 1),
  },
  card: {
    padding: theme.spacing(1.5),
    marginTop: theme.spacing(1),
    // Names of tools, dimensions and activities wrap at spaces and hyphens, never mid-word.
    overflowWrap: 'normal',
    wordBreak: 'normal',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 0),
  },
  term: {
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
    paddingTop: 2,
  },
  value: { margin: 0, minWidth: 0 },
  more: { margin: theme.spacing(1) },
}));

function cellOf(column: TableColumn<ActivityRow>, row: ActivityRow): ReactNode {
  if (column.render) return column.render(row, 'row');
  const value = column.field ? row[column.field as keyof ActivityRow] : '';
  return typeof value === 'string' || typeof value === 'number' ? value : '';
}

/**
 * The activity table on a narrow screen: one card per activity, the first column (the
 * activity) as its heading and the other columns as labelled lines below, so nothing sits in
 * a column off the screen. The same column renderers as the table, so both say the same.
 */
export function ActivityCards(props: {
  rows: ActivityRow[];
  columns: TableColumn<ActivityRow>[];
  pageSize: number;
  emptyContent: ReactNode;
}) {
  const { rows, columns, pageSize } = props;
  const classes = useStyles();
  const [shown, setShown] = useState(pageSize);
  if (rows.length === 0) return <>{props.emptyContent}</>;
  const [first, ...rest] = columns;
  const more = rows.length - shown;
  return (
    <>
      <ul className={classes.list} aria-label="Activities">
        {rows.slice(0, shown).map(row => (
          <li key={row.id}>
            <Paper variant="outlined" className={classes.card}>
              {cellOf(first, row)}
              <dl className={classes.facts}>
                {rest.map(column => (
                  <FactLine
                    key={String(column.title)}
                    title={String(column.title)}
                    value={cellOf(column, row)}
                  />
                ))}
              </dl>
            </Paper>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Button
          className={classes.more}
          onClick={() => setShown(count => count + pageSize)}
        >
          Show {Math.min(more, pageSize)} more of {more}
        </Button>
      )}
    </>
  );
}

function FactLine(props: { title: string; value: ReactNode }) {
  const classes = useStyles();
  if (props.value === '' || props.value === null) return null;
  return (
    <>
      <Typography component="dt" className={classes.term}>
        {props.title}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.value}>
        {props.value}
      </Typography>
    </>
  );
}
