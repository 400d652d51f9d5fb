import { randomUUID } from 'crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DsommModel, Waiver, indexModel } from '@dsomm/plugin-dsomm-common';
import {
  DsommBackendConfig,
  findingSlaDaysFor,
} from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { StoredScore } from '../database/rows';
import { VISIBLE_TO_ALL } from '../database/visibilityFilter';
import { CampaignService } from '../campaigns/CampaignService';
import {
  NotificationEvent,
  campaignEvents,
  expiryEvents,
  scoreChangeEvents,
  slaEvents,
} from './events';
import {
  OutgoingMessage,
  digestMessages,
  immediateMessages,
  isoWeek,
} from './messages';

/** A claim not finished within this time (its replica stopped) can be taken again. */
const STALE_CLAIM_MS = 60 * 60 * 1000;

/** What one batch of scoring wrote, with what was stored before it. */
export interface ScoredBatch {
  previous: Map<string, StoredScore>;
  scores: StoredScore[];
  waivers: Map<string, Waiver[]>;
  now: Date;
}

/** Start of the ISO week (Monday 00:00 UTC) that `now` is in. */
export function weekStart(now: Date): Date {
  const day = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

/**
 * Tells component owners what changed, through Backstage's notifications. Scoring records the
 * events of each batch in its own transaction (so what a recompute saw is recorded with what
 * it wrote, once, whichever replica wrote it); after a recompute the campaigns' events are
 * recorded and whatever is unsent goes out, each event claimed by one sender.
 */
export class Notifier {
  private readonly activityName: (id: string) => string;

  constructor(
    private readonly deps: {
      config: DsommBackendConfig;
      model: DsommModel;
      store: DsommStore;
      campaigns: CampaignService;
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    const index = indexModel(deps.model);
    this.activityName = id => index.byId.get(id)?.name ?? id;
  }

  get enabled(): boolean {
    return this.deps.config.notifications.enabled;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The events of one scored batch, from what was stored before, what is now, and the time. */
  async batchEvents(
    tx: DsommStore,
    batch: ScoredBatch,
  ): Promise<NotificationEvent[]> {
    const { config } = this.deps;
    const refs = batch.scores.map(s => s.facts.entityRef);
    const findings = await tx.openFindingsFor(refs);
    return batch.scores.flatMap(score => {
      const ref = score.facts.entityRef;
      return [
        ...scoreChangeEvents(batch.previous.get(ref), score),
        ...expiryEvents(
          score,
          batch.waivers.get(ref) ?? [],
          batch.now,
          config.notifications.expiryWarningDays,
          this.activityName,
        ),
        ...slaEvents(
          score,
          (findings.get(ref) ?? []).map(f => ({ ...f })),
          findingSlaDaysFor(config.reports, score.facts.tier),
          batch.now,
        ),
      ];
    });
  }

  /**
   * Inside scoring's transaction: records the batch's events. A savepoint keeps a failure
   * here from undoing the scores; it is logged, and the next recompute sees the state again.
   */
  async recordBatch(tx: DsommStore, batch: ScoredBatch): Promise<void> {
    if (!this.enabled) return;
    try {
      await tx.transaction(async inner => {
        const events = await this.batchEvents(inner, batch);
        await inner.recordNotifications(events, batch.now.toISOString());
      });
    } catch (error) {
      this.deps.logger.error(
        `DSOMM could not record notifications for ${batch.scores.length} scored components: ${error}`,
      );
    }
  }

  /** Records the events of the campaigns not archived, for the owners in their scopes. */
  async recordCampaigns(): Promise<number> {
    const now = this.now();
    const events: NotificationEvent[] = [];
    for (const summary of await this.deps.campaigns.list(
      false,
      VISIBLE_TO_ALL,
    )) {
      if (Date.parse(summary.start) > now.getTime()) continue;
      const progress = await this.deps.campaigns.progress(
        summary.id,
        VISIBLE_TO_ALL,
      );
      events.push(...campaignEvents(summary, progress.remainingPerOwner, now));
    }
    return this.deps.store.recordNotifications(events, now.toISOString());
  }

  /**
   * Sends what is recorded and unsent: every event now, or with the weekly digest the events
   * of weeks that are over, one message per owner group and week. Returns the messages sent.
   */
  async deliver(): Promise<number> {
    const now = this.now();
    const weekly = this.deps.config.notifications.digest === 'weekly';
    const claimId = randomUUID();
    const pending = await this.deps.store.claimNotifications({
      claimId,
      at: now.toISOString(),
      // Recorded up to now (the time of a recompute that just ran), or before this week.
      before: weekly
        ? weekStart(now).toISOString()
        : new Date(now.getTime() + 1).toISOString(),
      staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
    });
    const messages = weekly
      ? digestMessages(pending)
      : immediateMessages(pending);
    let sent = 0;
    for (const message of messages) {
      if (await this.send(message)) {
        await this.deps.store.finishNotifications(
          claimId,
          message.keys,
          this.now().toISOString(),
        );
        sent += 1;
      } else {
        await this.deps.store.finishNotifications(claimId, message.keys, null);
      }
    }
    return sent;
  }

  private async send(message: OutgoingMessage): Promise<boolean> {
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: message.owner },
        payload: {
          title: message.title,
          description: message.description,
          link: message.link,
          severity: message.severity,
          topic: message.topic,
          scope: message.scope,
        },
      });
      return true;
    } catch (error) {
      this.deps.logger.warn(
        `DSOMM could not send a notification to ${message.owner}; it is sent again after the next recompute: ${error}`,
      );
      return false;
    }
  }

  /** After a recompute: the campaigns' events, then everything unsent. */
  async afterRecompute(): Promise<{ campaignEvents: number; sent: number }> {
    if (!this.enabled) return { campaignEvents: 0, sent: 0 };
    const recorded = await this.recordCampaigns();
    const sent = await this.deliver();
    if (sent > 0) {
      this.deps.logger.info(
        `DSOMM sent ${sent} notifications (week ${isoWeek(this.now())})`,
      );
    }
    return { campaignEvents: recorded, sent };
  }
}
