import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DsommModel, indexModel } from '@dsomm/plugin-dsomm-common';

const IMPLEMENTED = 'dsomm.owasp.org/implemented';
const NOT_APPLICABLE = 'dsomm.owasp.org/not-applicable';

/** The activity keys an annotation lists (by key or id), unknown entries dropped. */
export function listedActivities(
  model: DsommModel,
  value: string | undefined,
): string[] {
  if (!value) return [];
  const index = indexModel(model);
  const keys: string[] = [];
  for (const item of value.split(/[,\n\r]/)) {
    const activity = item.trim() ? index.resolve(item) : undefined;
    if (activity) keys.push(activity.key);
  }
  return keys;
}

/**
 * What the Tech Insights side knows of the org's scopes: the activities each group, system and
 * domain lists, and where each sits (a team's department, a system's domain), so a component
 * inherits its owner's, its system's and their parents' practices as DSOMM scores them.
 */
export class ScopeEvidence {
  private readonly implemented = new Map<string, string[]>();
  private readonly parents = new Map<string, string[]>();

  constructor(
    private readonly model: DsommModel,
    private readonly organization: string[],
  ) {}

  add(entity: Entity): void {
    const ref = stringifyEntityRef(entity);
    this.implemented.set(
      ref,
      listedActivities(this.model, entity.metadata.annotations?.[IMPLEMENTED]),
    );
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const parents: string[] = [];
    if (typeof spec.parent === 'string')
      parents.push(refOf(spec.parent, 'group'));
    if (typeof spec.domain === 'string')
      parents.push(refOf(spec.domain, 'domain'));
    this.parents.set(ref, parents);
  }

  /** The activities a scope and everything above it list. */
  inherited(ref: string, into: Set<string>, seen = new Set<string>()): void {
    if (seen.has(ref)) return;
    seen.add(ref);
    for (const key of this.implemented.get(ref) ?? []) into.add(key);
    for (const parent of this.parents.get(ref) ?? []) {
      this.inherited(parent, into, seen);
    }
  }

  /**
   * One boolean per model activity for a component: true when the component, its owner, its
   * system (or their parents) or the organisation implement it, or the component declares it
   * not applicable.
   */
  factsOf(component: Entity): Record<string, boolean> {
    const annotations = component.metadata.annotations ?? {};
    const done = new Set<string>(this.organization);
    for (const key of listedActivities(this.model, annotations[IMPLEMENTED]))
      done.add(key);
    for (const key of listedActivities(this.model, annotations[NOT_APPLICABLE]))
      done.add(key);
    const spec = (component.spec ?? {}) as Record<string, unknown>;
    if (typeof spec.owner === 'string')
      this.inherited(refOf(spec.owner, 'group'), done);
    if (typeof spec.system === 'string')
      this.inherited(refOf(spec.system, 'system'), done);
    const facts: Record<string, boolean> = {};
    for (const activity of this.model.activities) {
      facts[activity.key] = done.has(activity.key);
    }
    return facts;
  }
}

function refOf(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}
