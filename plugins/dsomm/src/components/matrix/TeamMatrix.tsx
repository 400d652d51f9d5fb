import { InfoCard } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  DsommModel,
  LEVELS,
  ScopePreviewStatus,
  ScopeRollupResponse,
  dsommAttestationCreatePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment, useMemo, useState } from 'react';
import { dsommApiRef } from '../../api';
import { cardTitleProps } from '../entity/cardTitleProps';
import { formatDay } from '../entity/format';
import { BulkRecordDialog, BulkRecordInput } from './BulkRecordDialog';
import { LiftPreview } from './LiftPreview';
import { recordAll } from './recordAll';
import {
  ScopeActivityState,
  progressByActivity,
  scopeActivityStates,
  sourceText,
} from './scopeStates';
import { usePersonNames } from '../people/PeopleProvider';

const STATE_LABELS: Record<ScopeActivityState, string> = {
  implemented: 'implemented',
  'not-applicable': 'not applicable',
  'not-set': 'not set',
};

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  dimension: {
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  cell: {
    verticalAlign: 'top',
    border: `1px solid ${theme.palette.divider}`,
    minWidth: 180,
    padding: theme.spacing(0.5),
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    marginBottom: theme.spacing(0.5),
  },
  checkbox: { padding: theme.spacing(0.25, 0.5, 0, 0) },
  key: { fontSize: theme.typography.caption.fontSize, wordBreak: 'break-all' },
  implemented: { color: theme.palette.success.main },
  'not-applicable': { color: theme.palette.text.secondary },
  'not-set': { color: theme.palette.text.secondary },
  progress: {
    marginTop: theme.spacing(0.25),
    height: 'auto',
    borderStyle: 'dashed',
    '& span': { whiteSpace: 'normal' },
  },
  preview: {
    borderLeft: `3px solid ${theme.palette.info.main}`,
    padding: theme.spacing(0.5, 1),
    marginBottom: theme.spacing(1),
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * The team assessment matrix: sub-dimensions by level with each activity and its state at
 * this scope. Those allowed to select activities and mark them implemented or not
 * applicable for the whole scope; every component below inherits what is recorded here.
 */
export function TeamMatrix(props: {
  scopeRef: CompoundEntityRef;
  scopeRefKey: string;
  scope: ScopeRollupResponse['scope'];
  model: DsommModel;
  mostMissing: ScopeRollupResponse['mostMissing'];
  onRecorded: () => void;
}) {
  const { scopeRef, scopeRefKey, scope, model, mostMissing, onRecorded } =
    props;
  const classes = useStyles();
  const api = useApi(dsommApiRef);
  // The backend checks again on every call; these only decide which buttons to show.
  const canAttest = usePermission({
    permission: dsommAttestationCreatePermission,
    resourceRef: scopeRefKey,
  }).allowed;
  const canWaive = usePermission({
    permission: dsommWaiverManagePermission,
    resourceRef: scopeRefKey,
  }).allowed;
  const canSelect = canAttest || canWaive;

  const states = useMemo(() => scopeActivityStates(scope), [scope]);
  const actors = useMemo(
    () =>
      [...new Set([...states.values()].map(info => info.actor))].filter(
        (actor): actor is string => !!actor,
      ),
    [states],
  );
  const nameOf = usePersonNames(actors);
  const progress = useMemo(() => progressByActivity(scope), [scope]);
  const activities = useMemo(
    () => new Map(model.activities.map(a => [a.id, a])),
    [model],
  );
  const missing = useMemo(
    () => new Map(mostMissing.activities.map(a => [a.activityId, a.missing])),
    [mostMissing],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'attest' | 'waive' | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  // Which mark the preview shows before a dialog is open; the open dialog's mark after.
  const [previewAs, setPreviewAs] = useState<ScopePreviewStatus>('implemented');
  // With only one of the two marks allowed, the preview is of that one.
  let previewStatus = previewAs;
  if (!canWaive) previewStatus = 'implemented';
  else if (!canAttest) previewStatus = 'not-applicable';

  const toggle = (id: string) =>
    setSelected(current =>
      current.includes(id) ? current.filter(s => s !== id) : [...current, id],
    );

  const submit = async (input: BulkRecordInput) => {
    const mode = dialog;
    const result = await recordAll(selected, activity =>
      mode === 'attest'
        ? api.createAttestation(scopeRef, {
            activity,
            comment: input.reason,
            ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
          })
        : api.createWaiver(scopeRef, {
            activity,
            justification: input.reason,
            ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
          }),
    );
    if (result.recorded.length > 0) {
      // What is recorded stays recorded: only the rest stays selected for another try.
      setSelected(current =>
        current.filter(id => !result.recorded.includes(id)),
      );
      onRecorded();
    }
    if (result.failed) {
      const name =
        activities.get(result.failed.activityId)?.name ??
        result.failed.activityId;
      throw new Error(
        `Recorded ${result.recorded.length} of ${selected.length}; ${name} failed: ${result.failed.message}`,
      );
    }
    const count = result.recorded.length;
    const waiting = result.pending.length;
    const counted = count - waiting;
    const as = mode === 'attest' ? 'implemented' : 'not applicable';
    const plural = (n: number) => `activit${n === 1 ? 'y' : 'ies'}`;
    // Where approval is required a request counts only once someone else approves it.
    setMessage(
      waiting === 0
        ? `Recorded ${count} ${plural(count)} as ${as} for ${
            scopeRef.name
          }; the components below inherit ${count === 1 ? 'it' : 'them'}.`
        : `Requested ${waiting} ${plural(waiting)} as ${as} for ${
            scopeRef.name
          }: waiting for approval by someone else, they count once approved${
            counted > 0 ? `; ${counted} recorded and inherited now` : ''
          }.`,
    );
  };

  return (
    <InfoCard
      title="Team assessment"
      titleTypographyProps={cardTitleProps}
      subheader="Activities by sub-dimension and level, with their state at this scope"
    >
      {canSelect && (
        <Box className={classes.toolbar}>
          <Typography variant="body2">{selected.length} selected</Typography>
          {canAttest && (
            <Button
              variant="contained"
              color="primary"
              disabled={selected.length === 0}
              onClick={() => {
                setMessage(undefined);
                setDialog('attest');
              }}
            >
              Mark implemented
            </Button>
          )}
          {canWaive && (
            <Button
              variant="outlined"
              disabled={selected.length === 0}
              onClick={() => {
                setMessage(undefined);
                setDialog('waive');
              }}
            >
              Mark not applicable
            </Button>
          )}
          <Button
            disabled={selected.length === 0}
            onClick={() => setSelected([])}
          >
            Clear selection
          </Button>
        </Box>
      )}
      {canSelect && selected.length > 0 && (
        <Box className={classes.preview}>
          {canAttest && canWaive && (
            <RadioGroup
              row
              aria-label="Preview as"
              value={previewAs}
              onChange={event =>
                setPreviewAs(event.target.value as ScopePreviewStatus)
              }
            >
              <FormControlLabel
                value="implemented"
                control={<Radio size="small" />}
                label="Preview as implemented"
              />
              <FormControlLabel
                value="not-applicable"
                control={<Radio size="small" />}
                label="Preview as not applicable"
              />
            </RadioGroup>
          )}
          <LiftPreview
            scopeRef={scopeRef}
            activityIds={selected}
            status={previewStatus}
          />
        </Box>
      )}
      {message && (
        <Typography role="status" variant="body2" gutterBottom>
          {message}
        </Typography>
      )}
      <div className={classes.scroll}>
        <Table size="small" aria-label="Team assessment matrix">
          <TableHead>
            <TableRow>
              <TableCell>Sub-dimension</TableCell>
              {LEVELS.map(level => (
                <TableCell key={level}>Level {level}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {model.dimensions.map(dimension => (
              <Fragment key={dimension.key}>
                <TableRow>
                  <TableCell colSpan={6} className={classes.dimension}>
                    {dimension.name}
                  </TableCell>
                </TableRow>
                {dimension.subDimensions.map(sub => (
                  <TableRow key={sub.key}>
                    <TableCell component="th" scope="row">
                      {sub.name}
                    </TableCell>
                    {LEVELS.map(level => (
                      <TableCell key={level} className={classes.cell}>
                        <ul className={classes.list}>
                          {sub.activityIds
                            .map(id => activities.get(id))
                            .filter(a => a?.level === level)
                            .map(activity => {
                              if (!activity) return null;
                              const info = states.get(activity.id);
                              const state = info?.state ?? 'not-set';
                              const missedBy = missing.get(activity.id);
                              // Progress short of done; once implemented it is history.
                              const planned =
                                state === 'implemented'
                                  ? undefined
                                  : progress.get(activity.id);
                              return (
                                <li key={activity.id} className={classes.item}>
                                  {canSelect && (
                                    <Checkbox
                                      className={classes.checkbox}
                                      size="small"
                                      checked={selected.includes(activity.id)}
                                      onChange={() => toggle(activity.id)}
                                      inputProps={{
                                        'aria-label': `Select ${activity.name}`,
                                      }}
                                    />
                                  )}
                                  <div>
                                    <Typography variant="body2">
                                      {activity.name}
                                    </Typography>
                                    <code className={classes.key}>
                                      {activity.key}
                                    </code>
                                    <Typography
                                      variant="caption"
                                      component="div"
                                      className={classes[state]}
                                      title={info && sourceText(info, nameOf)}
                                    >
                                      {STATE_LABELS[state]}
                                      {missedBy
                                        ? `; ${missedBy} of ${mostMissing.outOf} components miss it`
                                        : ''}
                                    </Typography>
                                    {planned && (
                                      <Chip
                                        size="small"
                                        variant="outlined"
                                        className={classes.progress}
                                        label={`${planned.state} ${formatDay(
                                          planned.date,
                                        )} · not counted`}
                                        title="DSOMM team progress: shown, does not count as implemented"
                                      />
                                    )}
                                  </div>
                                </li>
                              );
                            })}
                        </ul>
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </div>
      {dialog && (
        <BulkRecordDialog
          mode={dialog}
          activityNames={selected.map(id => activities.get(id)?.name ?? id)}
          preview={
            <LiftPreview
              scopeRef={scopeRef}
              activityIds={selected}
              status={dialog === 'attest' ? 'implemented' : 'not-applicable'}
            />
          }
          expiryDays={scope.expiryDays}
          onSubmit={submit}
          onDone={() => setDialog(undefined)}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </InfoCard>
  );
}
