import { useState } from 'react';
import { CampaignSummary } from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { CopyButton } from '../entity/CopyButton';
import { promotionSnippet } from './promotion';

/**
 * For a campaign that ended with every component at its goal: "Promote to tier targets",
 * which shows the app-config to apply (targets live in config, so the page cannot set them).
 */
export function PromotePanel(props: { campaign: CampaignSummary; now: Date }) {
  const [open, setOpen] = useState(false);
  const snippet = promotionSnippet(props.campaign, props.now);
  if (!snippet) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <Button
        variant="outlined"
        color="primary"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Promote to tier targets
      </Button>
      {open && (
        <div>
          <Typography variant="body2" paragraph style={{ marginTop: 8 }}>
            Every component in scope reached the goal. To make it the target of
            its tiers, add this to app-config (it replaces the tier's current
            target for these keys) and restart the backend:
          </Typography>
          {/* Wrapped rather than scrolled, so no part is out of reach by keyboard. */}
          <pre
            role="region"
            aria-label="Tier targets config snippet"
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {snippet}
          </pre>
          <CopyButton text={snippet} label="Copy tier targets config" />
        </div>
      )}
    </div>
  );
}
