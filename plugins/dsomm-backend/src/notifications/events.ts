import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import {
  Campaign,
  CampaignOwnerProgress,
  KpiSeverity,
  Waiver,
} from '@dsomm/plugin-dsomm-common';
import { StoredScore } from '../database/rows';
import { LifecycleFinding } from '../lifecycle/findingLifecycle';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What happened to a component (or to a campaign concerning it) that its owner hears about. */
export type NotificationKind =
  | 'level-dropped'
  | 'below-target'
  | 'expiring'
  | 'sla-passed'
  | 'campaign-started'
  | 'campaign-deadline-near'
  | 'campaign-ended';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'level-dropped',
  'below-target',
  'expiring',
  'sla-passed',
  'campaign-started',
  'campaign-deadline-near',
  'campaign-ended',
];

/**
 * The notification topic of a kind: one per kind, so a user can switch each off in the
 * notifications settings.
 */
export function topicOf(kind: NotificationKind): string {
  return `dsomm-${kind}`;
}

/** One event for one owner group; `key` names it, so it is sent once whoever sees it. */
export interface NotificationEvent {
  kind: NotificationKind;
  /**
   * Event kind + entity (or campaign and owner) + the thing + the period or edge it belongs
   * to: the same event seen again, by another replica or a later recompute, has the same key.
   */
  key: string;
  /** Entity ref of the owner group the message goes to. */
  owner: string;
  /** The component it is about; absent for a campaign's message to an owner. */
  entityRef?: string;
  /** One line saying what happened, for people. */
  text: string;
  link: string;
  severity: NotificationSeverity;
}

/** The DSOMM tab of a component in the portal, where its levels are shown and evidence renewed. */
export function componentLink(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}/dsomm`;
}

/** A component's name for people: its title, else its ref. */
function nameOf(score: StoredScore): string {
  return score.facts.title || score.facts.entityRef;
}

/**
 * A score that carries an error instead of levels (see unscoredEntity): every level 0 and
 * nothing assessed. Its zeros say the scoring failed, not that the component fell behind.
 */
function isUnscored(score: StoredScore): boolean {
  return (
    score.activities.length === 0 &&
    score.overallLevel === 0 &&
    score.warnings.length > 0
  );
}

/**
 * Level drops and falling below the target, between the score stored before and the one
 * just written. The edge is the previous score's time: a later drop is a new event.
 */
export function scoreChangeEvents(
  previous: StoredScore | undefined,
  current: StoredScore,
): NotificationEvent[] {
  const owner = current.facts.owner;
  if (!previous || !owner || isUnscored(current) || isUnscored(previous)) {
    return [];
  }
  const ref = current.facts.entityRef;
  const link = componentLink(ref);
  const edge = previous.computedAt;
  const events: NotificationEvent[] = [];
  const dropped = (thing: string, label: string, from: number, to: number) => {
    if (to >= from) return;
    events.push({
      kind: 'level-dropped',
      key: `level-dropped|${ref}|${thing}|${from}>${to}|${edge}`,
      owner,
      entityRef: ref,
      text: `${nameOf(current)}: ${label} level dropped from ${from} to ${to}`,
      link,
      severity: 'high',
    });
  };
  dropped('overall', 'overall', previous.overallLevel, current.overallLevel);
  for (const [dimension, level] of Object.entries(current.dimensionLevels)) {
    const before = previous.dimensionLevels[dimension];
    if (before !== undefined) dropped(dimension, dimension, before, level);
  }
  if (previous.meetsTarget && !current.meetsTarget) {
    events.push({
      kind: 'below-target',
      key: `below-target|${ref}|${edge}`,
      owner,
      entityRef: ref,
      text: `${nameOf(current)} fell below its target (level ${
        current.target.level
      }${current.facts.tier ? ` for tier ${current.facts.tier}` : ''})`,
      link,
      severity: 'high',
    });
  }
  return events;
}

/**
 * The component's own evidence (attestations among it) and its waivers that expire within
 * `days` of `now`. Evidence inherited from a team, system, domain or the organisation is
 * renewed there, by that scope's owners, so it is left out. The expiry is the edge: renewed
 * evidence with a new expiry is a new event.
 */
export function expiryEvents(
  score: StoredScore,
  waivers: readonly Waiver[],
  now: Date,
  days: number,
  activityName: (activityId: string) => string,
): NotificationEvent[] {
  const owner = score.facts.owner;
  if (!owner) return [];
  const ref = score.facts.entityRef;
  const from = now.getTime();
  const to = from + days * DAY_MS;
  const soon = (expiresAt: string | undefined): expiresAt is string => {
    if (!expiresAt) return false;
    const at = Date.parse(expiresAt);
    return at >= from && at <= to;
  };
  const link = componentLink(ref);
  const event = (thing: string, what: string, expiresAt: string) => {
    const left = Math.floor((Date.parse(expiresAt) - from) / DAY_MS);
    return {
      kind: 'expiring' as const,
      key: `expiring|${ref}|${thing}|${expiresAt}`,
      owner,
      entityRef: ref,
      text: `${nameOf(score)}: ${what} expires on ${expiresAt.slice(
        0,
        10,
      )} (${left} ${
        left === 1 ? 'day' : 'days'
      } left); renew it on the DSOMM tab`,
      link,
      severity: 'normal' as const,
    };
  };
  const events: NotificationEvent[] = [];
  for (const activity of score.activities) {
    for (const item of activity.evidence) {
      if (item.scope || !soon(item.expiresAt)) continue;
      const what =
        item.source === 'attestation'
          ? `the attestation of "${activityName(activity.activityId)}"`
          : `the ${item.source} evidence of "${activityName(
              activity.activityId,
            )}"`;
      events.push(
        event(`${item.source}:${activity.activityId}`, what, item.expiresAt),
      );
    }
  }
  for (const waiver of waivers) {
    // A pending waiver does not count yet, so its expiry is not news.
    if (waiver.entityRef !== ref || waiver.status === 'pending') continue;
    if (!soon(waiver.expiresAt)) continue;
    events.push(
      event(
        `waiver:${waiver.id}`,
        `the waiver of "${activityName(waiver.activityId)}"`,
        waiver.expiresAt,
      ),
    );
  }
  return events;
}

/** A tracked finding with the tool that reports it. */
export type TrackedFinding = Pick<
  LifecycleFinding,
  'fingerprint' | 'severity' | 'firstSeenAt' | 'closedAt'
> & { toolName: string };

/**
 * Open findings that passed their severity's SLA (first seen longer ago than its days, as the
 * KPIs count them). First seen is the edge: a finding closed and seen again as new is a new one.
 */
export function slaEvents(
  score: StoredScore,
  findings: readonly TrackedFinding[],
  slaDays: Partial<Record<KpiSeverity, number>>,
  now: Date,
): NotificationEvent[] {
  const owner = score.facts.owner;
  if (!owner) return [];
  const ref = score.facts.entityRef;
  const events: NotificationEvent[] = [];
  for (const f of findings) {
    const days = slaDays[f.severity];
    if (f.closedAt !== null || days === undefined) continue;
    if (now.getTime() - Date.parse(f.firstSeenAt) <= days * DAY_MS) continue;
    events.push({
      kind: 'sla-passed',
      key: `sla-passed|${ref}|${f.toolName}|${f.fingerprint}|${f.firstSeenAt}`,
      owner,
      entityRef: ref,
      text: `${nameOf(score)}: a ${f.severity} finding of ${
        f.toolName
      } open since ${f.firstSeenAt.slice(0, 10)} passed its ${days}-day SLA`,
      link: componentLink(ref),
      severity: f.severity === 'critical' ? 'critical' : 'high',
    });
  }
  return events;
}

/** Days before a campaign's deadline at which its owners are reminded. */
export const CAMPAIGN_REMINDER_DAYS = 7;

/**
 * A campaign's events for the owners of the components in its scope: it started, it is a
 * week from its deadline, it ended. Each is due from its moment on (so a recompute that runs
 * late still sends it) until the campaign is archived; an owner whose components were all
 * done hears of the start and the end but is not reminded.
 */
export function campaignEvents(
  campaign: Campaign,
  owners: readonly CampaignOwnerProgress[],
  now: Date,
): NotificationEvent[] {
  if (campaign.archivedAt) return [];
  const at = now.getTime();
  const start = Date.parse(campaign.start);
  const deadline = Date.parse(campaign.deadline);
  // The scorecard page, under which the campaigns are shown.
  const link = '/dsomm';
  const events: NotificationEvent[] = [];
  for (const o of owners) {
    if (!o.owner) continue;
    const owner = o.owner;
    const counts = `${o.remaining} of your ${o.inScope} ${
      o.inScope === 1 ? 'component is' : 'components are'
    } short of its goal`;
    const push = (
      kind: NotificationKind,
      edge: string,
      text: string,
      severity: NotificationSeverity,
    ) =>
      events.push({
        kind,
        key: `${kind}|${campaign.id}|${owner}|${edge}`,
        owner,
        text,
        link,
        severity,
      });
    const deadlineDay = campaign.deadline.slice(0, 10);
    if (at >= deadline) {
      push(
        'campaign-ended',
        campaign.deadline,
        `Campaign "${campaign.name}" ended on ${deadlineDay}: ${
          o.remaining === 0
            ? `all ${o.inScope} of your components reached its goal`
            : counts
        }`,
        o.remaining === 0 ? 'normal' : 'high',
      );
    } else if (at >= deadline - CAMPAIGN_REMINDER_DAYS * DAY_MS) {
      if (o.remaining > 0) {
        push(
          'campaign-deadline-near',
          campaign.deadline,
          `Campaign "${campaign.name}" ends on ${deadlineDay}: ${counts}`,
          'high',
        );
      }
    }
    if (at >= start && at < deadline) {
      push(
        'campaign-started',
        campaign.start,
        `Campaign "${campaign.name}" started; it ends on ${deadlineDay}: ${counts}`,
        'normal',
      );
    }
  }
  return events;
}
