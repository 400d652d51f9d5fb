import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DsommStore } from '../database/DsommStore';
import { StoredScore } from '../database/rows';

/**
 * Config under which every field scoring reads changes some score: a tier label, a lifecycle
 * mapped to a tier, and tiers with targets of their own.
 */
export const catalogFieldsConfig = {
  dsomm: {
    targets: {
      default: { level: 1 },
      tiers: { critical: { level: 3 }, experimental: { level: 0 } },
    },
    tiers: { label: 'dsomm-tier', lifecycle: { experimental: 'experimental' } },
  },
};

const implemented = (...activities: string[]) => ({
  'dsomm.owasp.org/implemented': activities.join(', '),
});

function group(
  name: string,
  spec: { parent?: string; children?: string[] },
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace, annotations },
    spec: { type: 'team', children: [], ...spec },
  };
}

function component(
  name: string,
  spec: Record<string, unknown>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      description: 'Not read by scoring',
      ...metadata,
    },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

/**
 * Entities that exercise each field scoring reads, valid for the real catalog: scopes that
 * hand evidence down through a group's parent, a group's children, a system's domain and a
 * namespace other than the default, and components that take their tier from an annotation,
 * a label or their lifecycle.
 */
export function catalogFieldEntities(): Entity[] {
  return [
    // A department known to its team only through the team's spec.parent.
    group(
      'dept-p',
      {},
      implemented('each-team-has-a-security-champion', 'version-control'),
    ),
    group('team-p', { parent: 'dept-p' }),
    // A department that lists its team in spec.children; the team names no parent.
    group(
      'dept-c',
      { children: ['team-c'] },
      implemented('regular-security-training-for-all', 'backup'),
    ),
    group('team-c', {}),
    // Scopes outside the default namespace.
    group(
      'team-o',
      {},
      implemented('security-code-review', 'centralized-system-logging'),
      'other',
    ),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: 'payments',
        namespace: 'default',
        annotations: implemented(
          'monitoring-of-costs',
          'defined-build-process',
        ),
      },
      spec: { owner: 'dept-p' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'checkout', namespace: 'default' },
      spec: { owner: 'team-p', domain: 'payments' },
    },
    component(
      'tier-annotated',
      { owner: 'team-p', system: 'checkout', type: 'website' },
      {
        title: 'Tier from its annotation',
        annotations: {
          'dsomm.owasp.org/tier': 'critical',
          ...implemented('test-for-stored-secrets-in-code'),
          'dsomm.owasp.org/not-applicable': 'blue-green-deployment',
          'sonarqube.org/project-key': 'tier-annotated',
        },
      },
    ),
    component(
      'tier-labelled',
      { owner: 'team-c', type: 'library' },
      { labels: { 'dsomm-tier': 'critical' } },
    ),
    component('tier-from-lifecycle', {
      owner: 'team-c',
      lifecycle: 'experimental',
    }),
    component(
      'elsewhere',
      { owner: 'team-o' },
      {
        namespace: 'other',
        annotations: implemented('defined-build-process'),
      },
    ),
  ];
}

/**
 * The catalog service asked with other `fields` than the plugin asks for (`undefined`: whole
 * entities), to score the same catalog with and without the field lists.
 */
export function withFields(
  catalog: CatalogService,
  change: (fields: string[] | undefined) => string[] | undefined,
): CatalogService {
  const rewrite = <R extends { fields?: string[] }>(request: R): R => {
    const { fields, ...rest } = request;
    const changed = change(fields);
    return (changed ? { ...rest, fields: changed } : rest) as R;
  };
  const wrapped: Partial<CatalogService> = {
    streamEntities: (request, options) =>
      catalog.streamEntities(request && rewrite(request), options),
    getEntitiesByRefs: (request, options) =>
      catalog.getEntitiesByRefs(rewrite(request), options),
  };
  // Every other call goes to the catalog itself, bound to it.
  return new Proxy(catalog, {
    get(target, property) {
      if (Object.hasOwn(wrapped, property)) {
        return wrapped[property as keyof CatalogService];
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Every stored score, by entity ref. */
export async function storedScores(
  store: DsommStore,
): Promise<Map<string, StoredScore>> {
  const refs = await store.entityRefsBelow({ all: true });
  return new Map(
    [...(await store.scoreDetails(refs))].sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
