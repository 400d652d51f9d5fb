import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { ConfigReader } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DsommModel,
  EvidenceItem,
  ReportForEvidence,
  ScopeFindings,
  Waiver,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { random } from '../../bench/random';
import { syntheticOrg } from '../../bench/syntheticOrg';
import { syntheticReports } from '../../bench/syntheticReports';
import { readDsommConfig } from '../config/readDsommConfig';
import {
  AnnotationSighting,
  updateAnnotationSightings,
} from '../evidence/annotationSightings';
import { StoredScore } from '../database/rows';
import {
  ScopeIndex,
  inheritedFindings,
  organizationFindings,
  scopeFindingsOf,
} from '../scopes/scopeFindings';
import {
  buildScopeTree,
  scopeGroupOf,
  scopeSystemOf,
  scopedComponentOf,
} from '../scopes/scopeTree';
import { cachedInheritedFindings } from './cachedInheritedFindings';
import { normalizeRef } from './entityFacts';
import { scoreCatalogEntity } from './scoreCatalogEntity';

/*
 * The scoring of a whole synthetic org (the bench's, with scoped evidence and waivers, stored
 * attestations and waivers, and real scanner reports) must not change when the scoring is made
 * faster. Two checks:
 * - the full output of every component, as a recompute scores it (shared caches, frozen
 *   scope lists, shared evidence items), equals the output of a plain scoring of copies of the
 *   same inputs, which no cache or sharing can recognise;
 * - a digest of each component's output equals the one recorded in __fixtures__ before the
 *   scoring was optimised (DSOMM_WRITE_GOLDEN=1 records it anew, for a deliberate change).
 */

const SIZE = 300;
const GOLDEN = path.join(__dirname, '__fixtures__', 'golden-scores.json');
const DAY_MS = 24 * 60 * 60 * 1000;
const START = new Date('2026-11-29T12:00:00Z');

function pickActivity(model: DsommModel, rnd: () => number) {
  return model.activities[Math.floor(rnd() * model.activities.length)].id;
}

const isoDaysFrom = (at: Date, days: number) =>
  new Date(at.getTime() + Math.round(days * DAY_MS)).toISOString();

/** Attestations of an entity: some without expiry, some expired, some expiring later. */
function attestations(
  model: DsommModel,
  rnd: () => number,
  count: number,
): EvidenceItem[] {
  return Array.from({ length: count }, (_, i) => {
    const observedAt = isoDaysFrom(START, -rnd() * 200);
    const roll = rnd();
    return {
      activityId: pickActivity(model, rnd),
      source: 'attestation' as const,
      observedAt,
      ...(roll < 0.3
        ? {}
        : { expiresAt: isoDaysFrom(START, rnd() * 120 - 40) }),
      details: { recordedBy: `user:default/someone-${i}`, summary: 'Attested' },
    };
  });
}

function waivers(
  model: DsommModel,
  ref: string,
  rnd: () => number,
  count: number,
): Waiver[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `w-${ref}-${i}`,
    entityRef: ref,
    activityId: pickActivity(model, rnd),
    justification: 'Accepted risk',
    grantedBy: 'user:default/lead',
    grantedAt: isoDaysFrom(START, -rnd() * 100),
    ...(rnd() < 0.4 ? {} : { expiresAt: isoDaysFrom(START, rnd() * 80 - 20) }),
  }));
}

interface Inputs {
  model: DsommModel;
  entities: Entity[];
  refs: string[];
  evidence: Map<string, EvidenceItem[]>;
  waivers: Map<string, Waiver[]>;
  reports: Map<string, ReportForEvidence[]>;
  scopeEntities: Entity[];
}

function goldenInputs(): Inputs {
  const model = getBuiltInModel();
  const org = syntheticOrg(SIZE, model);
  const rnd = random(4242);
  const entities = Array.from({ length: SIZE }, (_, i) => org.component(i));
  const refs = entities.map(e => normalizeRef(stringifyEntityRef(e)));
  const evidence = new Map<string, EvidenceItem[]>();
  const waived = new Map<string, Waiver[]>();
  for (const ref of refs) {
    evidence.set(ref, attestations(model, rnd, Math.floor(rnd() * 5)));
    waived.set(ref, waivers(model, ref, rnd, Math.floor(rnd() * 3)));
  }
  const reports = new Map<string, ReportForEvidence[]>();
  for (const row of syntheticReports(refs, random(SIZE + 1), START)) {
    const list = reports.get(row.entity_ref) ?? [];
    list.push({
      id: row.id,
      uploadedAt: row.uploaded_at,
      summary: JSON.parse(row.summary),
      openFindings: JSON.parse(row.finding_ages ?? row.open_findings),
    });
    reports.set(row.entity_ref, list);
  }
  return {
    model,
    entities,
    refs,
    evidence,
    waivers: waived,
    reports,
    scopeEntities: [...org.groups, ...org.systems, ...org.domains],
  };
}

const config = (model: DsommModel) =>
  readDsommConfig(
    new ConfigReader({
      dsomm: {
        targets: {
          tiers: { critical: { level: 2 }, experimental: { level: 0 } },
        },
        organization: {
          implemented: ['version-control', 'a-patch-policy-is-defined'],
          notApplicable: ['blue-green-deployment'],
        },
        evidence: { maxAgeDays: { attestation: 90, report: 60 } },
      },
    }),
    model,
  );

function scopeIndexOf(
  inputs: Inputs,
  cfg: ReturnType<typeof config>,
  now: Date,
): ScopeIndex {
  const { model } = inputs;
  const tree = buildScopeTree(
    inputs.scopeEntities.filter(e => e.kind === 'Group').map(scopeGroupOf),
    inputs.scopeEntities.filter(e => e.kind === 'System').map(scopeSystemOf),
    cfg.scopes,
  );
  const rnd = random(99);
  const findings = new Map<string, ScopeFindings>();
  for (const entity of inputs.scopeEntities) {
    const ref = normalizeRef(stringifyEntityRef(entity));
    const found = scopeFindingsOf({
      scopeRef: ref,
      entity,
      evidence: rnd() < 0.3 ? attestations(model, rnd, 2) : [],
      waivers: rnd() < 0.2 ? waivers(model, ref, rnd, 1) : [],
      index: indexModel(model),
      now,
    });
    if (found.evidence.length + found.notApplicable.length > 0) {
      findings.set(ref, found);
    }
  }
  findings.set(
    'organization',
    organizationFindings({
      ...cfg.organization,
      evidence: attestations(model, rnd, 1),
      waivers: [],
      now,
    }),
  );
  return { tree, findings };
}

/**
 * Two recomputes, the second 40 days later (some evidence has expired by then) with the
 * annotation sightings the first stored. `plain` scores deep copies of every input, scope
 * lists included, worked out anew for each component.
 */
function scoreOrg(inputs: Inputs, plain: boolean): StoredScore[][] {
  const copy = <T>(value: T): T => (plain ? structuredClone(value) : value);
  const model = copy(inputs.model);
  const cfg = config(model);
  const rounds: StoredScore[][] = [];
  const sightings = new Map<string, ReadonlyMap<string, AnnotationSighting>>();
  for (const now of [START, new Date(START.getTime() + 40 * DAY_MS)]) {
    const scopes = scopeIndexOf(inputs, cfg, now);
    const ctx = {
      model,
      config: cfg,
      domainOfSystem: scopes.tree.domainOf,
      now,
    };
    const scores = inputs.entities.map((original, i) => {
      const entity = copy(original);
      const ref = inputs.refs[i];
      const sighting = updateAnnotationSightings(
        entity,
        cfg.evidence.rules,
        sightings.get(ref),
        now,
      );
      const stored = new Map(sightings.get(ref));
      for (const u of sighting.upserts) stored.set(u.annotation, u);
      for (const gone of sighting.removed) stored.delete(gone);
      sightings.set(ref, stored);
      return scoreCatalogEntity(
        entity,
        {
          evidence: copy(inputs.evidence.get(ref) ?? []),
          waivers: copy(inputs.waivers.get(ref) ?? []),
          reports: copy(inputs.reports.get(ref) ?? []),
          annotationsFirstSeen: sighting.firstSeen,
          // The plain scoring resolves every list anew.
          annotationHashes: plain ? undefined : sighting.valueHashes,
          inherited: plain
            ? structuredClone(
                inheritedFindings(scopes, scopedComponentOf(entity)),
              )
            : cachedInheritedFindings(scopes, scopedComponentOf(entity)),
        },
        ctx,
      );
    });
    rounds.push(scores);
  }
  return rounds;
}

const digestOf = (score: StoredScore) =>
  createHash('sha256').update(JSON.stringify(score)).digest('hex');

describe('scoring a synthetic org', () => {
  const inputs = goldenInputs();

  it('gives every component the same full output as a plain scoring of copies', () => {
    const fast = scoreOrg(inputs, false);
    const plain = scoreOrg(inputs, true);
    // The org is varied enough to exercise every status and the report notes.
    const statuses = new Set(
      fast.flat().flatMap(s => s.activities.map(a => a.status)),
    );
    expect([...statuses].sort()).toEqual([
      'contradicted',
      'implemented',
      'not-applicable',
      'stale',
    ]);
    expect(fast.flat().some(s => s.activityNotes.length > 0)).toBe(true);
    for (let round = 0; round < fast.length; round++) {
      for (let i = 0; i < SIZE; i++) {
        expect(JSON.parse(JSON.stringify(fast[round][i]))).toEqual(
          JSON.parse(JSON.stringify(plain[round][i])),
        );
      }
    }
  });

  it('gives every component the output recorded before the scoring was optimised', () => {
    const digests = scoreOrg(inputs, false).map(round => round.map(digestOf));
    if (process.env.DSOMM_WRITE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, `${JSON.stringify(digests, null, 2)}\n`);
    }
    const recorded: string[][] = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
    expect(digests).toEqual(recorded);
  });
});
