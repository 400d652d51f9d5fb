import fs from 'fs';
import path from 'path';
import { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { defaultReportParsers } from '../reports/parsers';
import { inlineReportReader } from '../reports/pool/ReportReader';
import { EntityService } from '../service/EntityService';
import { ReportService } from '../service/ReportService';
import { ScoringService } from '../service/ScoringService';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(
  new ConfigReader({
    dsomm: {
      ...testConfig.dsomm,
      organization: { implemented: ['version-control'] },
    },
  }),
  model,
);
const idOf = (key: string) => indexModel(model).resolve(key)!.id;
const CHAMPION = 'each-team-has-a-security-champion';
const LOGGING = 'centralized-system-logging';
const BACKUP = 'backup';
const BUILD = 'defined-build-process';
const MFA = 'mfa-for-admins';

const scope = (
  kind: string,
  name: string,
  spec: NonNullable<Entity['spec']>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

/**
 * dept -> team-a, team-b (children); team-c apart. checkout (team-a) in domain commerce,
 * ledger (team-c) in none. Components own the evidence that meets the scopes' on purpose:
 * their own not-applicable, and their own evidence next to a scope's waiver.
 */
function catalog(): Entity[] {
  const owners = ['team-a', 'team-b', 'team-c', 'dept'];
  const systems = ['checkout', 'ledger', undefined];
  return [
    scope('Group', 'dept', { type: 'department', children: ['team-a'] }),
    scope('Group', 'team-a', { type: 'team', children: [] }),
    scope('Group', 'team-b', { type: 'team', parent: 'dept', children: [] }),
    scope('Group', 'team-c', { type: 'team', children: [] }),
    scope('Domain', 'commerce', { owner: 'dept' }),
    scope('System', 'checkout', { owner: 'team-a', domain: 'commerce' }),
    scope('System', 'ledger', { owner: 'team-c' }),
    ...Array.from({ length: 12 }, (_, i) => {
      const annotations: Record<string, string> = {};
      if (i % 4 === 0) annotations['dsomm.owasp.org/implemented'] = BACKUP;
      if (i % 5 === 1) {
        annotations['dsomm.owasp.org/not-applicable'] = `${CHAMPION}\n${BUILD}`;
      }
      if (i % 6 === 2) annotations['dsomm.owasp.org/tier'] = 'critical';
      const system = systems[i % 3];
      return component(
        `svc-${i}`,
        { owner: owners[i % 4], ...(system ? { system } : {}) },
        annotations,
      );
    }),
  ];
}

/** Everything stored for the scores, in a fixed order. */
async function snapshot(knex: Knex) {
  const rows = async (table: string, order: string[]) =>
    (await knex(table).orderBy(order)).map(r => ({ ...r }));
  return {
    scores: await rows('dsomm_scores', ['entity_ref']),
    details: (await rows('dsomm_score_details', ['entity_ref'])).map(r => ({
      ref: r.entity_ref,
      detail: JSON.parse(r.detail),
    })),
    history: await rows('dsomm_score_history', ['entity_ref', 'day']),
  };
}

describe.each(databases.eachSupportedId())(
  'scope re-scoring against a full recompute on %p',
  databaseId => {
    it('stores exactly what a full recompute stores, after each write and revoke at a scope', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const catalogMock = catalogServiceMock({ entities: catalog() });
      // One clock for the whole test, so a full recompute dates everything as the re-score did.
      const now = () => new Date('2026-06-01T10:00:00Z');
      const deps = {
        model,
        config,
        store,
        catalog: catalogMock,
        auth: mockServices.auth(),
        now,
      };
      const scoring = new ScoringService({
        ...deps,
        logger: mockServices.logger.mock(),
      });
      const entities = new EntityService({ ...deps, scoring });
      const reports = new ReportService({
        model,
        config,
        store,
        scoring,
        reader: inlineReportReader(defaultReportParsers),
      });
      const credentials = await mockServices.auth().getOwnServiceCredentials();
      const actor = 'user:default/lead';
      await scoring.recomputeAll();
      // Real scanner output on two components, so their scores carry report evidence too.
      const semgrep = fs.readFileSync(
        path.resolve(
          __dirname,
          '../reports/__fixtures__/semgrep/many_vulns.json',
        ),
      );
      for (const name of ['svc-0', 'svc-5']) {
        await reports.upload(
          `component:default/${name}`,
          semgrep,
          {},
          'external:ci',
          credentials,
        );
      }

      const statusOf = async (name: string, key: string) => {
        const score = await store.getScore(`component:default/${name}`);
        return score!.activities.find(a => a.activityId === idOf(key))?.status;
      };
      /** After a change and its re-score: the same as a full recompute stores. */
      const matchesRecompute = async () => {
        const rescored = await snapshot(knex);
        await scoring.recomputeAll();
        expect(rescored).toEqual(await snapshot(knex));
      };

      const dept = await entities.attest(
        'group:default/dept',
        { activity: CHAMPION, comment: 'one per team' },
        actor,
        credentials,
      );
      // svc-0 (team-a, a child of dept) and svc-9 (team-b, a child by its spec.parent) inherit
      // it; svc-1 (team-b) keeps its own not-applicable; svc-2 (team-c) is not below dept.
      expect(await statusOf('svc-0', CHAMPION)).toBe('implemented');
      expect(await statusOf('svc-9', CHAMPION)).toBe('implemented');
      expect(await statusOf('svc-1', CHAMPION)).toBe('not-applicable');
      expect(await statusOf('svc-2', CHAMPION)).toBe(undefined);
      await matchesRecompute();

      await entities.attest(
        'domain:default/commerce',
        { activity: LOGGING, comment: 'one logging stack' },
        actor,
        credentials,
      );
      expect(await statusOf('svc-3', LOGGING)).toBe('implemented');
      await matchesRecompute();

      const waiver = await entities.waive(
        'system:default/checkout',
        {
          activity: BACKUP,
          justification: 'stateless',
          expiresAt: '2026-12-01T00:00:00Z',
        },
        actor,
        credentials,
      );
      // svc-0 has its own backup evidence, so checkout's waiver does not apply to it.
      expect(await statusOf('svc-3', BACKUP)).toBe('not-applicable');
      expect(await statusOf('svc-0', BACKUP)).toBe('implemented');
      await matchesRecompute();

      const org = await entities.attest(
        'organization',
        { activity: BUILD, comment: 'one platform' },
        actor,
        credentials,
      );
      await entities.waive(
        'organization',
        {
          activity: MFA,
          justification: 'no admins',
          expiresAt: '2026-12-01T00:00:00Z',
        },
        actor,
        credentials,
      );
      expect(await statusOf('svc-2', BUILD)).toBe('implemented');
      expect(await statusOf('svc-1', BUILD)).toBe('not-applicable');
      expect(await statusOf('svc-11', MFA)).toBe('not-applicable');
      await matchesRecompute();

      await entities.revokeAttestation(
        'group:default/dept',
        dept.id,
        actor,
        credentials,
      );
      expect(await statusOf('svc-0', CHAMPION)).toBe(undefined);
      await matchesRecompute();

      await entities.revokeWaiver(
        'system:default/checkout',
        waiver.id,
        actor,
        credentials,
      );
      expect(await statusOf('svc-3', BACKUP)).toBe(undefined);
      await matchesRecompute();

      await entities.revokeAttestation(
        'organization',
        org.id,
        actor,
        credentials,
      );
      expect(await statusOf('svc-2', BUILD)).toBe(undefined);
      await matchesRecompute();
    });
  },
);
