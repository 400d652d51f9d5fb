import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  RESOURCE_TYPE_CATALOG_ENTITY,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { ColumnCriteria, Visibility } from '../database/visibilityFilter';
import { normalizeRef } from '../scoring/entityFacts';
import { SCORED_KINDS } from './ScoringService';

/** How long the refs the catalog returned to one caller are reused. */
const REFS_TTL_MS = 10_000;
/**
 * What the refs cache holds at most, the oldest entry going first: callers, and refs over all
 * callers (so that many callers of a large catalog cannot fill the memory).
 */
const REFS_CACHE_LIMITS = { entries: 200, refs: 500_000 };

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every(v => typeof v === 'string')
    ? (value as string[])
    : undefined;
}

/**
 * The catalog rules that map onto stored score columns, as a condition on those columns;
 * undefined when any part does not map (then the caller's visible refs are asked of the
 * catalog instead). Stored kinds and owners are lower case, and the catalog compares both
 * case-insensitively in its database.
 */
export function toColumnCriteria(
  criteria: PermissionCriteria<PermissionCondition>,
): ColumnCriteria | undefined {
  const all = (list: PermissionCriteria<PermissionCondition>[]) => {
    const mapped = list.map(toColumnCriteria);
    return mapped.every(c => c !== undefined)
      ? (mapped as ColumnCriteria[])
      : undefined;
  };
  if ('allOf' in criteria) {
    const allOf = all(criteria.allOf);
    return allOf && { allOf };
  }
  if ('anyOf' in criteria) {
    const anyOf = all(criteria.anyOf);
    return anyOf && { anyOf };
  }
  if ('not' in criteria) {
    const not = toColumnCriteria(criteria.not);
    return not && { not };
  }
  if (criteria.resourceType !== RESOURCE_TYPE_CATALOG_ENTITY) return undefined;
  const params = criteria.params ?? {};
  if (criteria.rule === 'IS_ENTITY_KIND') {
    const kinds = stringList(params.kinds);
    return kinds && { column: 'kind', values: kinds.map(normalizeRef) };
  }
  if (criteria.rule === 'IS_ENTITY_OWNER') {
    const claims = stringList(params.claims);
    return claims && { column: 'owner', values: claims.map(normalizeRef) };
  }
  return undefined;
}

function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal
    | { type: 'none' };
  if (principal.type === 'user') return `user:${principal.userEntityRef}`;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return principal.type;
}

/**
 * What of the stored scores a caller may read, decided by the catalog's own read permission:
 * ALLOW reads everything, DENY nothing, a conditional decision the rows meeting its
 * conditions (translated to SQL where they map onto stored columns, else the refs the
 * catalog returns to the caller).
 */
export class VisibilityService {
  private readonly refsCache = new Map<
    string,
    { expiresAt: number; refs: Promise<string[]>; count: number }
  >();
  private cachedRefs = 0;
  private readonly limits: { entries: number; refs: number };

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      now?: () => number;
      cacheLimits?: { entries: number; refs: number };
    },
  ) {
    this.limits = deps.cacheLimits ?? REFS_CACHE_LIMITS;
  }

  async forCredentials(credentials: BackstageCredentials): Promise<Visibility> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW
        ? { type: 'all' }
        : { type: 'none' };
    }
    const criteria =
      decision.pluginId === 'catalog' &&
      decision.resourceType === RESOURCE_TYPE_CATALOG_ENTITY
        ? toColumnCriteria(decision.conditions)
        : undefined;
    if (criteria) return { type: 'criteria', criteria };
    return {
      type: 'refs',
      refs: await this.visibleRefs(
        credentials,
        `${principalKey(credentials)}\n${JSON.stringify(decision.conditions)}`,
      ),
    };
  }

  /**
   * The refs of the scored kinds the catalog returns to the caller, reused for a few seconds
   * per caller and decision so that a page of the scorecard does not read the catalog again.
   */
  private visibleRefs(
    credentials: BackstageCredentials,
    key: string,
  ): Promise<string[]> {
    const now = this.deps.now ? this.deps.now() : Date.now();
    const cached = this.refsCache.get(key);
    if (cached && cached.expiresAt > now) return cached.refs;
    this.drop(key);
    const refs = this.readRefs(credentials);
    const entry = { expiresAt: now + REFS_TTL_MS, refs, count: 0 };
    this.refsCache.set(key, entry);
    this.evict();
    refs.then(
      list => {
        if (this.refsCache.get(key) !== entry) return;
        entry.count = list.length;
        this.cachedRefs += list.length;
        this.evict();
      },
      // A failed read is not kept: the next request asks the catalog again.
      () => {
        if (this.refsCache.get(key) === entry) this.drop(key);
      },
    );
    return refs;
  }

  /** Number of cached callers and refs, for tests. */
  cacheSize(): { entries: number; refs: number } {
    return { entries: this.refsCache.size, refs: this.cachedRefs };
  }

  private drop(key: string) {
    const entry = this.refsCache.get(key);
    if (!entry) return;
    this.cachedRefs -= entry.count;
    this.refsCache.delete(key);
  }

  private evict() {
    while (
      this.refsCache.size > this.limits.entries ||
      this.cachedRefs > this.limits.refs
    ) {
      this.drop(this.refsCache.keys().next().value!);
    }
  }

  private async readRefs(credentials: BackstageCredentials): Promise<string[]> {
    const refs: string[] = [];
    for await (const page of this.deps.catalog.streamEntities(
      {
        filter: { kind: SCORED_KINDS },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    )) {
      for (const entity of page) {
        refs.push(normalizeRef(stringifyEntityRef(entity)));
      }
    }
    return refs;
  }
}
