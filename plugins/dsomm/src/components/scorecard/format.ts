import { parseEntityRef } from '@backstage/catalog-model';
import { ScorecardFilterKey } from '@dsomm/plugin-dsomm-common';

/** Path, relative to an entity's page, of the DSOMM entity tab. */
export const DSOMM_TAB_PATH = 'dsomm';

export const FILTER_LABELS: Record<ScorecardFilterKey, string> = {
  owner: 'Owner',
  system: 'System',
  domain: 'Domain',
  tier: 'Tier',
  kind: 'Kind',
  lifecycle: 'Lifecycle',
  type: 'Type',
};

/**
 * The filters the scorecard page offers: Type (`spec.type`) instead of Kind, which has a
 * single value in practice (the API still accepts `kind`).
 */
export const PAGE_FILTERS: ScorecardFilterKey[] = [
  'owner',
  'system',
  'domain',
  'tier',
  'lifecycle',
  'type',
];

/** A share (0-1) as a whole percentage; `–` when there is nothing to share. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) {
    return '–';
  }
  return `${Math.round(share * 100)}%`;
}

/** A mean level or score with one decimal. */
export function formatNumber(value: number): string {
  return value.toFixed(1);
}

/**
 * A short label for an entity ref: `group:default/team-a` becomes `team-a`, refs outside the
 * default namespace keep it (`ops/team-b`), and kinds other than the expected one stay in front
 * (`user:jdoe`). Values that are not refs (tiers, lifecycles) come back unchanged.
 */
export function refLabel(ref: string | undefined, expectedKind?: string) {
  if (!ref) return '–';
  if (!ref.includes(':')) return ref;
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    const path = namespace === 'default' ? name : `${namespace}/${name}`;
    const kindIsExpected =
      !expectedKind ||
      kind.toLocaleLowerCase('en-US') ===
        expectedKind.toLocaleLowerCase('en-US');
    return kindIsExpected ? path : `${kind}:${path}`;
  } catch {
    return ref;
  }
}

/** The kind an entity ref of a filter or grouping field normally has. */
export const EXPECTED_KIND: Partial<Record<ScorecardFilterKey, string>> = {
  owner: 'group',
  system: 'system',
  domain: 'domain',
};

/** A label for a value of a filter or grouping field. */
export function valueLabel(key: ScorecardFilterKey, value: string): string {
  return key in EXPECTED_KIND ? refLabel(value, EXPECTED_KIND[key]) : value;
}
