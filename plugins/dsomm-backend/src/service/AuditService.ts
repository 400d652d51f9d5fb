import { AuditEntry } from '@dsomm/plugin-dsomm-common';
import { DsommStore } from '../database/DsommStore';
import { csvCell } from './ScorecardService';

const CSV_COLUMNS: Array<[string, (e: AuditEntry) => unknown]> = [
  ['at', e => e.at],
  ['action', e => e.action],
  ['recordType', e => e.recordType],
  ['recordId', e => e.recordId],
  ['entityRef', e => e.entityRef],
  ['activityId', e => e.activityId],
  ['actor', e => e.actor],
  ['reason', e => e.reason],
  ['text', e => e.text],
  ['expiresAt', e => e.expiresAt],
];

/** The audit trail of attestations and waivers: read back as JSON or CSV. */
export class AuditService {
  constructor(private readonly deps: { store: DsommStore; now?: () => Date }) {}

  /**
   * Entries newest first. Expiries that have passed since the daily cleanup are appended
   * first, so the trail read is complete up to now.
   */
  async entries(query: {
    entityRef?: string;
    since?: string;
    limit: number;
  }): Promise<AuditEntry[]> {
    await this.deps.store.auditExpiries(this.deps.now?.() ?? new Date());
    return this.deps.store.auditEntries(query);
  }

  /** The entries as CSV, with a header row. */
  static csv(entries: AuditEntry[]): string {
    const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
    for (const entry of entries) {
      lines.push(CSV_COLUMNS.map(([, cell]) => csvCell(cell(entry))).join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
  }
}
