import { createHash, randomUUID } from 'crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DsommModel,
  ReportFormat,
  ReportSummary,
  StoredReport,
  indexModel,
  scanKindOf,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { openFindingsOf } from '../database/rows';
import { ReportReader } from '../reports/pool/ReportReader';
import { clampScanTime } from '../reports/scanTime';
import { MAX_FINGERPRINTS } from '../reports/limits';
import { advanceLifecycle } from '../lifecycle/findingLifecycle';
import { ReportBody } from '../reports/readBody';
import { ScoringService } from './ScoringService';

export interface UploadResult {
  /** False when the same report was already stored for the entity. */
  created: boolean;
  report: StoredReport;
}

/** Scanner reports: upload (parse, store, re-score as one transaction) and listing. */
export class ReportService {
  constructor(
    private readonly deps: {
      model: DsommModel;
      config: DsommBackendConfig;
      store: DsommStore;
      scoring: ScoringService;
      /** Parses bodies: a `ParsePool` in the plugin. */
      reader: ReportReader;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** Activities a summary is evidence for on its own (by category). */
  private activityIdsOf(summary: ReportSummary): string[] {
    const index = indexModel(this.deps.model);
    const ids = summary.categories.flatMap(category =>
      (this.deps.config.reports.mapping[category] ?? []).flatMap(key => {
        const activity = index.resolve(key);
        return activity ? [activity.id] : [];
      }),
    );
    return [...new Set(ids)];
  }

  /**
   * Stores a report for an entity. A `body` function is called only once the entity is known
   * to exist and be visible, so that a request for an unknown one is refused unread.
   */
  async upload(
    entityRef: string,
    body: Buffer | (() => Promise<ReportBody>),
    options: { format?: ReportFormat; source?: string },
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<UploadResult> {
    const { store, scoring } = this.deps;
    const loaded = await scoring.loadEntity(entityRef, credentials);
    const { bytes, sha256 } =
      typeof body === 'function'
        ? await body()
        : {
            bytes: body,
            sha256: createHash('sha256').update(body).digest('hex'),
          };
    const sizeBytes = bytes.length;
    const existing = await store.findReport(entityRef, sha256);
    if (existing) return { created: false, report: existing };

    // The reader may take over the body's memory: it is not used after this.
    const { findingKeys, fingerprints, ...parsed } =
      await this.deps.reader.read(bytes, options.format);
    const uploadedAt = this.now();
    const now = uploadedAt.toISOString();
    const { scannedAt, warning } = clampScanTime(
      parsed.scannedAt,
      uploadedAt,
      this.deps.config.reports.scanTimeWindow,
    );
    const { scannedAt: _stated, ...rest } = parsed;
    const summary: ReportSummary = {
      ...rest,
      ...(scannedAt ? { scannedAt } : {}),
    };
    const report: StoredReport = {
      id: randomUUID(),
      entityRef,
      sha256,
      sizeBytes,
      ...(options.source ? { source: options.source } : {}),
      uploadedBy: actor,
      uploadedAt: now,
      summary,
      activityIds: this.activityIdsOf(summary),
      ...(warning ? { warnings: [warning] } : {}),
    };

    try {
      return await store.transaction(async tx => {
        // One upload of an entity at a time, from its first read of the findings to its
        // score: on PostgreSQL, concurrent uploads of one entity, each writing its finding
        // lifecycle before the scoring's lock, answered one of them 500 under load. The
        // scoring below takes the same lock again, in the same transaction.
        await tx.lockEntities([entityRef]);
        const previous = new Map(
          (
            await tx.latestOpenFindings(
              entityRef,
              summary.tool.name,
              scanKindOf(summary.categories),
            )
          ).map(f => [f.key, f.firstSeenAt]),
        );
        const seenAt = summary.scannedAt ?? now;
        const seenMs = Date.parse(seenAt);
        // A finding already open in the tool's previous report keeps its age, but was not
        // first seen after this scan (a future time stored before times were clamped).
        const openFindings = openFindingsOf(findingKeys, key => {
          const before = previous.get(key);
          return before !== undefined && Date.parse(before) <= seenMs
            ? before
            : seenAt;
        });
        await tx.insertReport(report, openFindings);
        const tracked = await tx.findingLifecycle(entityRef, summary.tool.name);
        await tx.saveFindingLifecycle(
          entityRef,
          summary.tool.name,
          advanceLifecycle(
            tracked,
            {
              fingerprints: fingerprints ?? [],
              categories: summary.categories,
              seenAt,
            },
            MAX_FINGERPRINTS,
          ),
        );
        await scoring.scoreLoaded(loaded, tx);
        return { created: true, report };
      });
    } catch (error) {
      // A concurrent upload of the same report won the unique key: answer with it.
      const raced = await store.findReport(entityRef, sha256);
      if (raced) return { created: false, report: raced };
      throw error;
    }
  }

  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredReport[]> {
    await this.deps.scoring.loadEntity(entityRef, credentials);
    return this.deps.store.listReports(entityRef);
  }
}
