/* eslint-disable no-console */
/**
 * The scoring phase of a full recompute alone, without a database or catalog: the synthetic
 * org of `bench:scale` (scoped evidence on its groups, systems and domains, and stored reports
 * read back as the store gives them) scored the way ScoringService scores each batch. Prints
 * the CPU time of each round and a digest of all the scores (at a fixed time), which stays the
 * same between two versions of the code as long as their results do. With `--cpu-prof` after
 * `node` it also shows where the time goes.
 *
 *   npm run bench:scoring -w @dsomm/plugin-dsomm-backend [-- --size 10000 --rounds 3]
 */
import { createHash } from 'crypto';
import { ConfigReader } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ReportForEvidence,
  ScopeFindings,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../src/config/readDsommConfig';
import {
  AnnotationSighting,
  AnnotationSightingUpdate,
  updateAnnotationSightings,
} from '../src/evidence/annotationSightings';
import { StoredScore } from '../src/database/rows';
import { normalizeRef } from '../src/scoring/entityFacts';
import {
  organizationFindings,
  scopeFindingsOf,
} from '../src/scopes/scopeFindings';
import {
  buildScopeTree,
  scopeGroupOf,
  scopeSystemOf,
} from '../src/scopes/scopeTree';
import { scoreCatalogEntity } from '../src/scoring/scoreCatalogEntity';
import { cachedInheritedFindings } from '../src/scoring/cachedInheritedFindings';
import { scopedComponentOf } from '../src/scopes/scopeTree';
import { random } from './random';
import { syntheticOrg } from './syntheticOrg';
import { syntheticReports } from './syntheticReports';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function main() {
  const size = arg('--size', 10_000);
  const rounds = arg('--rounds', 3);
  const model = getBuiltInModel();
  // The configuration of bench:scale.
  const config = readDsommConfig(
    new ConfigReader({
      dsomm: {
        targets: {
          tiers: { critical: { level: 2 }, experimental: { level: 0 } },
        },
        organization: {
          implemented: ['version-control', 'a-patch-policy-is-defined'],
        },
      },
    }),
    model,
  );
  // A fixed time, so that the digest of the scores can be compared between versions of the code.
  const now = new Date('2026-11-29T12:00:00Z');
  const org = syntheticOrg(size, model);
  const index = indexModel(model);
  const tree = buildScopeTree(
    org.groups.map(scopeGroupOf),
    org.systems.map(scopeSystemOf),
    config.scopes,
  );
  const findings = new Map<string, ScopeFindings>();
  for (const entity of [...org.groups, ...org.systems, ...org.domains]) {
    const ref = normalizeRef(stringifyEntityRef(entity));
    const found = scopeFindingsOf({
      scopeRef: ref,
      entity,
      evidence: [],
      waivers: [],
      index,
      now,
    });
    if (found.evidence.length + found.notApplicable.length > 0) {
      findings.set(ref, found);
    }
  }
  findings.set(
    'organization',
    organizationFindings({
      ...config.organization,
      evidence: [],
      waivers: [],
      now,
    }),
  );
  const scopes = { tree, findings };

  // Reports as the store reads them back: the latest of each tool, JSON parsed per batch.
  const refs = Array.from({ length: size }, (_, i) =>
    normalizeRef(`component:default/svc-${i}`),
  );
  const rows = new Map<
    string,
    Map<string, { at: string; summary: string; findings: string; id: string }>
  >();
  for (const row of syntheticReports(refs, random(size + 1), now)) {
    let byTool = rows.get(row.entity_ref);
    if (!byTool) rows.set(row.entity_ref, (byTool = new Map()));
    const seen = byTool.get(row.tool_name);
    if (!seen || row.uploaded_at > seen.at) {
      byTool.set(row.tool_name, {
        at: row.uploaded_at,
        summary: row.summary,
        findings: row.finding_ages ?? row.open_findings,
        id: row.id,
      });
    }
  }
  const reportsOf = (ref: string): ReportForEvidence[] =>
    [...(rows.get(ref)?.values() ?? [])].map(r => ({
      id: r.id,
      uploadedAt: r.at,
      summary: JSON.parse(r.summary),
      openFindings: JSON.parse(r.findings),
    }));

  const ctx = { model, config, domainOfSystem: tree.domainOf, now };
  // Sightings as stored after the first round, so later rounds compare with them.
  const sightings = new Map<string, Map<string, AnnotationSighting>>();
  for (let round = 1; round <= rounds; round++) {
    let cpuMs = 0;
    const digest = createHash('sha256');
    for (let start = 0; start < size; start += 500) {
      const batch = [];
      for (let i = start; i < Math.min(size, start + 500); i++) {
        const ref = refs[i];
        batch.push({ entity: org.component(i), ref, reports: reportsOf(ref) });
      }
      const seen: Array<[string, AnnotationSightingUpdate]> = [];
      const scores: StoredScore[] = [];
      const cpu = process.cpuUsage();
      // As ScoringService.scoreAndSave does for each entity of a batch.
      for (const { entity, ref, reports } of batch) {
        const sighting = updateAnnotationSightings(
          entity,
          config.evidence.rules,
          sightings.get(ref),
          now,
        );
        seen.push([ref, sighting]);
        const score = scoreCatalogEntity(
          entity,
          {
            evidence: [],
            waivers: [],
            reports,
            annotationsFirstSeen: sighting.firstSeen,
            annotationHashes: sighting.valueHashes,
            inherited: cachedInheritedFindings(
              scopes,
              scopedComponentOf(entity),
            ),
          },
          ctx,
        );
        scores.push(score);
      }
      const used = process.cpuUsage(cpu);
      cpuMs += (used.user + used.system) / 1000;
      // Every score in full, so a change that alters any result changes the digest.
      for (const score of scores) digest.update(JSON.stringify(score));
      for (const [ref, update] of seen) {
        const stored = new Map(sightings.get(ref));
        for (const u of update.upserts) stored.set(u.annotation, u);
        for (const gone of update.removed) stored.delete(gone);
        sightings.set(ref, stored);
      }
    }
    console.log(
      `round ${round}: scoring CPU ${(cpuMs / 1000).toFixed(
        3,
      )} s for ${size} components (scores digest ${digest
        .digest('hex')
        .slice(0, 16)})`,
    );
  }
}

main();
