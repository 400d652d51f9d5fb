import { createHash, randomUUID } from 'crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DsommModel,
  ReportFormat,
  ReportSummary,
  StoredReport,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { openFindingsOf } from '../database/rows';
import { ReportParser } from '../reports/parsers/types';
import { readReport } from '../reports/readReport';
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
      parsers: ReportParser[];
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

  async upload(
    entityRef: string,
    body: Buffer,
    options: { format?: ReportFormat; source?: string },
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<UploadResult> {
    const { store, scoring } = this.deps;
    // 404 before any work on the body.
    const loaded = await scoring.loadEntity(entityRef, credentials);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const existing = await store.findReport(entityRef, sha256);
    if (existing) return { created: false, report: existing };

    const { findingKeys, ...summary } = readReport(
      body,
      this.deps.parsers,
      options.format,
    );
    const now = this.now().toISOString();
    const report: StoredReport = {
      id: randomUUID(),
      entityRef,
      sha256,
      sizeBytes: body.length,
      ...(options.source ? { source: options.source } : {}),
      uploadedBy: actor,
      uploadedAt: now,
      summary,
      activityIds: this.activityIdsOf(summary),
    };

    try {
      return await store.transaction(async tx => {
        const previous = new Map(
          (await tx.latestOpenFindings(entityRef, summary.tool.name)).map(f => [
            f.key,
            f.firstSeenAt,
          ]),
        );
        const seenAt = summary.scannedAt ?? now;
        // A finding already open in the tool's previous report keeps its age.
        const openFindings = openFindingsOf(
          findingKeys,
          key => previous.get(key) ?? seenAt,
        );
        await tx.insertReport(report, openFindings);
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
