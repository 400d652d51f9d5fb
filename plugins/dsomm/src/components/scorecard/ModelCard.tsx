import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DsommModel, LEVELS } from '@dsomm/plugin-dsomm-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';
import { DimensionSummary, summarizeModel } from './modelSummary';

const useStyles = makeStyles(theme => ({
  details: {
    display: 'block',
    overflowX: 'auto',
  },
  dimension: {
    marginTop: theme.spacing(2),
  },
  heading: {
    whiteSpace: 'nowrap',
  },
}));

function DimensionTable(props: {
  dimension: DimensionSummary;
  levelNames: DsommModel['levels'];
}) {
  const { dimension, levelNames } = props;
  const classes = useStyles();
  return (
    <Table
      size="small"
      aria-label={`Activities per level in ${dimension.name}`}
    >
      <TableHead>
        <TableRow>
          <TableCell className={classes.heading}>Sub-dimension</TableCell>
          {LEVELS.map(level => (
            <TableCell
              key={level}
              align="right"
              title={levelNames[level]}
              className={classes.heading}
            >
              Level {level}
            </TableCell>
          ))}
          <TableCell align="right" className={classes.heading}>
            Total
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {dimension.subDimensions.map(subDimension => (
          <TableRow key={subDimension.key}>
            <TableCell component="th" scope="row">
              {subDimension.name}
            </TableCell>
            {LEVELS.map(level => (
              <TableCell key={level} align="right">
                {subDimension.countsByLevel[level]}
              </TableCell>
            ))}
            <TableCell align="right">{subDimension.total}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One line naming the model, e.g. `OWASP DSOMM 4.3.1, released …: 180 activities in 5 dimensions.` */
export function modelDescription(model: DsommModel): string {
  const released = model.released ? `, released ${model.released}` : '';
  return `OWASP DSOMM ${model.version}${released} (source: ${model.source}): ${model.activities.length} activities in ${model.dimensions.length} dimensions.`;
}

/** The DSOMM model the backend scores against, with activity counts per level, collapsed. */
export function ModelCard() {
  const classes = useStyles();
  const dsommApi = useApi(dsommApiRef);
  const {
    value: model,
    loading,
    error,
  } = useAsync(async () => dsommApi.getModel(), [dsommApi]);
  if (loading) return <Progress aria-label="Loading the model" />;
  if (error) return <ResponseErrorPanel error={error} title="Model" />;
  if (!model) return null;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="dsomm-model-details"
        id="dsomm-model-summary"
      >
        <div>
          <Typography variant="h6" component="h2">
            Model
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {modelDescription(model)}
          </Typography>
        </div>
      </AccordionSummary>
      <AccordionDetails className={classes.details} id="dsomm-model-details">
        {summarizeModel(model).map(dimension => (
          <div key={dimension.key} className={classes.dimension}>
            <Typography variant="subtitle1" component="h3">
              {dimension.name}
            </Typography>
            <DimensionTable dimension={dimension} levelNames={model.levels} />
          </div>
        ))}
      </AccordionDetails>
    </Accordion>
  );
}
