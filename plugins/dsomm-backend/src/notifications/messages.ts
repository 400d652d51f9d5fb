import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationKind, topicOf } from './events';

/** An event as stored, waiting to be sent (see DsommStore's notification outbox). */
export interface PendingNotification {
  key: string;
  kind: NotificationKind;
  owner: string;
  entityRef?: string;
  text: string;
  link: string;
  severity: NotificationSeverity;
  /** When the event was recorded: its ISO week is the digest it belongs to. */
  createdAt: string;
}

/** One message to send: to an owner group, made of one or more events. */
export interface OutgoingMessage {
  owner: string;
  title: string;
  description: string;
  link: string;
  severity: NotificationSeverity;
  topic: string;
  /**
   * The notifications backend updates an earlier message with the same scope instead of
   * adding one, so a message sent again (after a failed attempt) is not shown twice.
   */
  scope: string;
  /** The keys of the events it carries. */
  keys: string[];
}

/** Lines listed in one message; the rest are counted. */
export const MAX_LINES = 20;

const SEVERITY_ORDER: NotificationSeverity[] = [
  'low',
  'normal',
  'high',
  'critical',
];

const KIND_TITLES: Record<NotificationKind, string> = {
  'level-dropped': 'DSOMM level dropped',
  'below-target': 'DSOMM: below target',
  expiring: 'DSOMM evidence expires soon',
  'sla-passed': 'DSOMM: findings past their SLA',
  'campaign-started': 'DSOMM campaign started',
  'campaign-deadline-near': 'DSOMM campaign deadline in a week',
  'campaign-ended': 'DSOMM campaign ended',
};

function highest(events: readonly PendingNotification[]): NotificationSeverity {
  let best = 0;
  for (const e of events) {
    best = Math.max(best, SEVERITY_ORDER.indexOf(e.severity));
  }
  return SEVERITY_ORDER[best];
}

function lines(events: readonly PendingNotification[]): string {
  const shown = events.slice(0, MAX_LINES).map(e => `- ${e.text}`);
  if (events.length > MAX_LINES) {
    shown.push(`- and ${events.length - MAX_LINES} more`);
  }
  return shown.join('\n');
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function sortedByKey(events: PendingNotification[]): PendingNotification[] {
  return [...events].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * One message per owner group, component (or campaign) and kind of event: several findings of
 * a component passing their SLA in one recompute make one message, not one each.
 */
export function immediateMessages(
  events: readonly PendingNotification[],
): OutgoingMessage[] {
  const groups = groupBy(events, e =>
    JSON.stringify([e.owner, e.kind, e.entityRef ?? e.link]),
  );
  return [...groups.values()].map(group => {
    const sorted = sortedByKey(group);
    const [first] = sorted;
    return {
      owner: first.owner,
      // The title says what and where; the description says the rest.
      title: `${KIND_TITLES[first.kind]}${
        first.entityRef ? `: ${first.entityRef}` : ''
      }${sorted.length === 1 ? '' : ` (${sorted.length} events)`}`,
      description: sorted.length === 1 ? first.text : lines(sorted),
      link: first.link,
      severity: highest(sorted),
      topic: topicOf(first.kind),
      scope: `dsomm:${first.kind}:${first.key}`,
      keys: sorted.map(e => e.key),
    };
  });
}

/** The ISO 8601 week (e.g. `2026-W48`) of a time, in UTC: weeks start on Monday. */
export function isoWeek(time: string | Date): string {
  const date = new Date(time);
  const day = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
  // The Thursday of the same week decides the year the week belongs to.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1);
  const week = Math.ceil(((day.getTime() - firstDay) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The topic of weekly digests, which users can switch off like the others. */
export const DIGEST_TOPIC = 'dsomm-weekly-digest';

/**
 * One message per owner group for a week, listing its events by kind. Only whole weeks are
 * sent: the caller passes the events of weeks before the current one.
 */
export function digestMessages(
  events: readonly PendingNotification[],
): OutgoingMessage[] {
  const groups = groupBy(events, e =>
    JSON.stringify([e.owner, isoWeek(e.createdAt)]),
  );
  return [...groups.values()].map(group => {
    const sorted = sortedByKey(group);
    const week = isoWeek(sorted[0].createdAt);
    const owner = sorted[0].owner;
    const byKind = groupBy(sorted, e => e.kind);
    const sections = [...byKind.entries()].map(
      ([kind, items]) =>
        `${KIND_TITLES[kind as NotificationKind]} (${items.length}):\n${lines(
          items,
        )}`,
    );
    return {
      owner,
      title: `DSOMM weekly digest ${week}: ${sorted.length} ${
        sorted.length === 1 ? 'event' : 'events'
      }`,
      description: sections.join('\n\n'),
      link: '/dsomm',
      severity: highest(sorted),
      topic: DIGEST_TOPIC,
      scope: `dsomm:digest:${owner}:${week}`,
      keys: sorted.map(e => e.key),
    };
  });
}
