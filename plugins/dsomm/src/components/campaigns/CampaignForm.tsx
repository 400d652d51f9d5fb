import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  CAMPAIGN_SCOPE_KEYS,
  Campaign,
  LEVELS,
} from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';
import { DialogError } from '../entity/DialogError';
import { useSubmit } from '../entity/useSubmit';
import { FILTER_LABELS, valueLabel } from '../scorecard/format';
import { LabelledSelect } from '../scorecard/LabelledSelect';
import { useFilterOptions } from '../scorecard/useFilterOptions';
import {
  CampaignFormState,
  EMPTY_FORM,
  GoalKind,
  campaignInputOf,
} from './campaignForm';

const LEVEL_ITEMS = LEVELS.map(level => ({
  value: String(level),
  label: `Level ${level}`,
}));

/**
 * The form starting a campaign, in a dialog: name, owner, the scorecard's filters as scope,
 * a goal, start and deadline. The backend's 400 message shows in the dialog as it came.
 */
export function CampaignForm(props: {
  onClose: () => void;
  onCreated: (campaign: Campaign) => void;
}) {
  const dsommApi = useApi(dsommApiRef);
  const options = useFilterOptions();
  const { value: model } = useAsync(
    async () => dsommApi.getModel(),
    [dsommApi],
  );
  const [form, setForm] = useState<CampaignFormState>(EMPTY_FORM);
  const { busy, error, run } = useSubmit();
  const set = (change: Partial<CampaignFormState>) =>
    setForm(current => ({ ...current, ...change }));
  const submit = async () => {
    let created: Campaign | undefined;
    const ok = await run(async () => {
      created = await dsommApi.createCampaign(campaignInputOf(form));
    });
    if (ok && created) props.onCreated(created);
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="dsomm-campaign-form-title"
    >
      <DialogTitle id="dsomm-campaign-form-title">New campaign</DialogTitle>
      <DialogContent>
        <TextField
          id="dsomm-campaign-name"
          label="Name"
          value={form.name}
          onChange={e => set({ name: e.target.value })}
          fullWidth
          margin="dense"
          required
        />
        <TextField
          id="dsomm-campaign-owner"
          label="Campaign owner"
          helperText="Entity ref of who runs it, e.g. group:default/security"
          value={form.owner}
          onChange={e => set({ owner: e.target.value })}
          fullWidth
          margin="dense"
          required
        />
        <FormLabel
          component="p"
          id="dsomm-campaign-scope-label"
          style={{ marginTop: 16 }}
        >
          Scope (empty: every component)
        </FormLabel>
        <div role="group" aria-labelledby="dsomm-campaign-scope-label">
          {CAMPAIGN_SCOPE_KEYS.map(key => {
            const selected = form.scope[key] ?? [];
            const values = [...new Set([...options[key], ...selected])];
            return (
              <LabelledSelect
                key={key}
                id={`dsomm-campaign-scope-${key}`}
                multiple
                label={FILTER_LABELS[key]}
                items={values.map(value => ({
                  value,
                  label: valueLabel(key, value),
                }))}
                selected={selected}
                onChange={chosen =>
                  set({ scope: { ...form.scope, [key]: chosen } })
                }
              />
            );
          })}
        </div>
        <FormLabel component="p" style={{ marginTop: 16 }}>
          Goal
        </FormLabel>
        <RadioGroup
          row
          aria-label="Goal"
          value={form.goalKind}
          onChange={e => set({ goalKind: e.target.value as GoalKind })}
        >
          <FormControlLabel
            value="level"
            control={<Radio />}
            label="Overall level"
          />
          <FormControlLabel
            value="dimensions"
            control={<Radio />}
            label="Level per dimension"
          />
          <FormControlLabel
            value="activities"
            control={<Radio />}
            label="Activities"
          />
        </RadioGroup>
        {form.goalKind === 'level' && (
          <LabelledSelect
            id="dsomm-campaign-level"
            label="Level"
            items={LEVEL_ITEMS}
            selected={form.level}
            onChange={level => set({ level })}
          />
        )}
        {form.goalKind === 'dimensions' &&
          (model?.dimensions ?? []).map(dimension => (
            <LabelledSelect
              key={dimension.name}
              id={`dsomm-campaign-dimension-${dimension.key}`}
              label={dimension.name}
              placeholder="No goal"
              items={[{ value: '', label: 'No goal' }, ...LEVEL_ITEMS]}
              selected={form.dimensions[dimension.name] ?? ''}
              onChange={level =>
                set({
                  dimensions: { ...form.dimensions, [dimension.name]: level },
                })
              }
            />
          ))}
        {form.goalKind === 'activities' && (
          <LabelledSelect
            id="dsomm-campaign-activities"
            multiple
            label="Activities"
            placeholder="None chosen"
            items={(model?.activities ?? []).map(activity => ({
              value: activity.id,
              label: activity.name,
            }))}
            selected={form.activities}
            onChange={activities => set({ activities })}
          />
        )}
        <TextField
          id="dsomm-campaign-start"
          label="Start"
          type="date"
          helperText="Empty: today"
          value={form.start}
          onChange={e => set({ start: e.target.value })}
          InputLabelProps={{ shrink: true }}
          margin="dense"
        />{' '}
        <TextField
          id="dsomm-campaign-deadline"
          label="Deadline"
          type="date"
          value={form.deadline}
          onChange={e => set({ deadline: e.target.value })}
          InputLabelProps={{ shrink: true }}
          margin="dense"
          required
        />
        <DialogError message={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={busy}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
