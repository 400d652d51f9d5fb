import fs from 'fs';
import path from 'path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';

import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { scoringOver } from '../__testUtils__/scoring';
import { ScorecardService } from './ScorecardService';
import { VISIBLE_TO_ALL } from '../database/visibilityFilter';

// Creating and migrating a PostgreSQL database can outlast jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../../..');

/** Every entity of the example catalog the local portal loads. */
function exampleEntities(): Entity[] {
  const dir = path.join(ROOT, 'examples');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    )
    .filter(e => e.kind !== 'Location');
}

const databases = createTestDatabases();

/** Rounds every number, so sums taken in another order compare equal. */
function rounded(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v,
    ),
  );
}

describe.each(databases.eachSupportedId())(
  'the local portal example catalog on %p',
  databaseId => {
    it('gives scores that differ across teams and tiers, under the portal config', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const model = getBuiltInModel();
      const appConfig = parseYaml(
        fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
      );
      const config = readDsommConfig(new ConfigReader(appConfig), model);
      const entities = exampleEntities();
      const result = await scoringOver({
        store,
        entities,
        config,
      }).recomputeAll();
      expect(result.scored).toBe(
        entities.filter(e => e.kind === 'Component').length,
      );
      expect(result.scored).toBeGreaterThanOrEqual(30);

      const scorecard = new ScorecardService(
        store,
        model.dimensions.map(d => d.name),
      );
      const page = {
        visibility: VISIBLE_TO_ALL,
        sort: { field: 'score' as const, order: 'desc' as const },
        offset: 0,
        limit: 1,
      };
      const byTier = await scorecard.scorecard('tier', {
        filters: {},
        ...page,
      });
      expect(byTier.groups.map(g => g.key)).toEqual([
        'critical',
        'experimental',
        'standard',
      ]);
      // some components meet their target and some do not
      expect(byTier.total.meetingTarget).toBeGreaterThan(0);
      expect(byTier.total.meetingTarget).toBeLessThan(byTier.total.count);
      // more than one overall level occurs
      expect(
        byTier.total.overall.distribution.filter(n => n > 0).length,
      ).toBeGreaterThan(1);
      const critical = byTier.groups.find(g => g.key === 'critical')!;
      const experimental = byTier.groups.find(g => g.key === 'experimental')!;
      expect(critical.meanScore).toBeGreaterThan(experimental.meanScore);

      const byOwner = await scorecard.scorecard('owner', {
        filters: {},
        ...page,
      });
      expect(byOwner.groups).toHaveLength(5);
      const means = byOwner.groups.map(g => g.meanScore);
      expect(new Set(means).size).toBe(5);
      // the database's aggregates equal aggregating the rows in memory
      const inMemory = new ScorecardService(store, [
        'a dimension without a level column',
      ]);
      for (const groupBy of ['owner', 'system', 'domain', 'tier'] as const) {
        for (const filters of [
          {},
          { tier: ['critical', 'standard'] },
          { tier: ['no-such-tier'] },
        ]) {
          const [fromSql, fromRows] = await Promise.all([
            scorecard.scorecard(groupBy, { filters, ...page }),
            inMemory.scorecard(groupBy, { filters, ...page }),
          ]);
          expect(rounded(fromSql)).toEqual(rounded(fromRows));
        }
      }

      // Scoped evidence: measured figures of the example catalog. Without it (every
      // component's own lists only) 28 of 34 components sat at level 0.
      expect(byTier.total.overall.distribution).toEqual([21, 11, 2, 0, 0, 0]);
      // auth-service reaches level 2 with a short list of its own; the rest it inherits from
      // its team, system, domain and the organisation
      const auth = entities.find(e => e.metadata.name === 'auth-service')!;
      const ownList = String(
        auth.metadata.annotations!['dsomm.owasp.org/implemented'],
      )
        .split('\n')
        .filter(line => line.trim());
      expect(ownList.length).toBeLessThanOrEqual(30);
      const authScore = await store.getScore('component:default/auth-service');
      expect(authScore?.overallLevel).toBe(2);
      const scopes = new Set(
        authScore!.activities.flatMap(a => a.evidence.map(e => e.scope)),
      );
      expect(scopes).toEqual(
        new Set([
          undefined,
          'group:default/team-identity',
          'group:default/engineering',
          'system:default/identity',
          'domain:default/commerce',
          'organization',
        ]),
      );
      // every component of team-payments inherits the team's security champion
      const champion = indexModel(model).resolve(
        'each-team-has-a-security-champion',
      )!.id;
      const payments = entities.filter(
        e =>
          e.kind === 'Component' &&
          /team-payments$/.test(e.spec!.owner as string),
      );
      expect(payments).toHaveLength(7);
      for (const e of payments) {
        const score = await store.getScore(
          `component:default/${e.metadata.name}`,
        );
        const activity = score!.activities.find(a => a.activityId === champion);
        expect(activity?.status).toBe('implemented');
        expect(activity?.evidence.map(ev => ev.scope)).toEqual([
          'group:default/team-payments',
        ]);
      }

      // the deliberate unknown key shows as a warning on its component
      const warned = await store.getScore('component:default/data-catalog-ui');
      expect(warned?.warnings).toEqual([
        'dsomm.owasp.org/implemented: unknown activity "made-up-activity"',
      ]);
    });
  },
);
