import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DsommModel, LEVELS } from '@dsomm/plugin-dsomm-common';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { makeStyles } from '@material-ui/core/styles';
import { dsommApiRef } from '../../api';
import { DimensionSummary, summarizeModel } from './modelSummary';

const useStyles = makeStyles({
  scroll: {
    overflowX: 'auto',
  },
  heading: {
    whiteSpace: 'nowrap',
  },
});

function DimensionTable(props: {
  dimension: DimensionSummary;
  levelNames: DsommModel['levels'];
}) {
  const { dimension, levelNames } = props;
  const classes = useStyles();
  return (
    <InfoCard title={dimension.name} noPadding>
      <div className={classes.scroll}>
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
      </div>
    </InfoCard>
  );
}

function ModelOverview(props: { model: DsommModel }) {
  const { model } = props;
  const dimensions = summarizeModel(model);
  const released = model.released ? `, released ${model.released}` : '';
  return (
    <>
      <Typography variant="body1" paragraph>
        OWASP DSOMM {model.version}
        {released} (source: {model.source}): {model.activities.length}{' '}
        activities in {dimensions.length} dimensions.
      </Typography>
      <Grid container spacing={3}>
        {dimensions.map(dimension => (
          <Grid item xs={12} xl={6} key={dimension.key}>
            <DimensionTable dimension={dimension} levelNames={model.levels} />
          </Grid>
        ))}
      </Grid>
    </>
  );
}

/**
 * The organisation-wide DSOMM page. For now it lists the model the backend serves.
 *
 * @public
 */
export function DsommPage() {
  const dsommApi = useApi(dsommApiRef);
  const {
    value: model,
    loading,
    error,
  } = useAsync(() => dsommApi.getModel(), [dsommApi]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (model) {
    content = <ModelOverview model={model} />;
  }

  return (
    <Page themeId="tool">
      <Header
        title="DevSecOps maturity"
        subtitle="OWASP DevSecOps Maturity Model (DSOMM)"
      />
      <Content>{content}</Content>
    </Page>
  );
}
