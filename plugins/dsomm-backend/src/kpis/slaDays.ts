import { KpiSeverity } from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';

/**
 * The SLA days for an entity's findings, per severity (a severity without one is absent).
 * The one place the KPIs read them, so that days per tier can take over here.
 */
export function findingSlaDaysFor(
  config: DsommBackendConfig,
  _tier: string | undefined,
): Partial<Record<KpiSeverity, number>> {
  return config.reports.findingSlaDays;
}
