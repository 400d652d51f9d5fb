import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { Knex } from 'knex';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { VISIBLE_TO_ALL } from '../database/visibilityFilter';
import { component, testConfig } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/databases';
import { VisibilityService } from '../service/visibility';
import { CampaignService } from './CampaignService';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);

/** svc-0..2 of team-a; those in `withVersionControl` implement version control. */
function catalog(...withVersionControl: number[]): Entity[] {
  return [0, 1, 2].map(i =>
    component(
      `svc-${i}`,
      { owner: 'team-a' },
      withVersionControl.includes(i)
        ? { 'dsomm.owasp.org/implemented': 'version-control' }
        : {},
    ),
  );
}

/** One replica: its own store, scoring and campaigns on the shared database, at `at`. */
async function replica(knex: Knex, entities: Entity[], at: string) {
  const store = await DsommStore.create({
    database: mockServices.database({ knex }),
  });
  const catalogMock = catalogServiceMock({ entities });
  const now = () => new Date(at);
  const campaigns = new CampaignService({
    store,
    model,
    now,
    scopes: {
      catalog: catalogMock,
      auth: mockServices.auth(),
      visibility: new VisibilityService({
        permissions: mockServices.permissions(),
        catalog: catalogMock,
      }),
      scopes: config.scopes,
    },
  });
  const scoring = scoringOver({
    config,
    store,
    catalog: catalogMock,
    now,
    onRecomputed: day => campaigns.recordSnapshots(day),
  });
  return { store, campaigns, scoring };
}

const snapshotRows = (knex: Knex) =>
  knex('dsomm_campaign_snapshots')
    .orderBy(['campaign_id', 'day'])
    .select('campaign_id', 'day', 'in_scope', 'done')
    .then(rows =>
      rows.map(r => ({
        id: r.campaign_id,
        day: r.day,
        inScope: Number(r.in_scope),
        done: Number(r.done),
      })),
    );

describe.each(databases.eachSupportedId())(
  'campaign snapshots on %p',
  databaseId => {
    it('keeps a campaign progress while the scores stay, and reads it again after a write by another replica', async () => {
      const knex = await databases.init(databaseId);
      const first = await replica(knex, catalog(0), '2026-03-01T10:00:00Z');
      const versionControl = model.activities.find(
        a => a.key === 'version-control',
      )!.id;
      const campaign = await first.campaigns.create(
        {
          owner: 'group:default/security',
          scope: {},
          start: '2026-03-01T00:00:00.000Z',
          deadline: '2026-06-30T00:00:00.000Z',
          name: 'VC',
          goal: { activities: [versionControl] },
        },
        'user:default/lead',
      );
      await first.scoring.recomputeAll();
      const decoded = jest.spyOn(first.store, 'scoreDetails');
      const done = async () =>
        (await first.campaigns.progress(campaign.id, VISIBLE_TO_ALL)).components
          .filter(c => c.done)
          .map(c => c.entityRef);
      expect(await done()).toEqual(['component:default/svc-0']);
      expect(await done()).toEqual(['component:default/svc-0']);
      expect(decoded).toHaveBeenCalledTimes(1);

      // Another replica scores svc-1 with version control.
      const second = await replica(knex, catalog(0, 1), '2026-03-01T11:00:00Z');
      await second.scoring.recomputeAll();
      expect(await done()).toEqual([
        'component:default/svc-0',
        'component:default/svc-1',
      ]);
      expect(decoded).toHaveBeenCalledTimes(2);
    });

    it('records each live campaign once a day after a recompute, and builds the burn-up of status goals from them', async () => {
      const knex = await databases.init(databaseId);
      const first = await replica(knex, catalog(0), '2026-03-01T10:00:00Z');
      const input = {
        owner: 'group:default/security',
        scope: {},
        start: '2026-03-01T00:00:00.000Z',
        deadline: '2026-06-30T00:00:00.000Z',
      };
      const versionControl = model.activities.find(
        a => a.key === 'version-control',
      )!.id;
      const activities = await first.campaigns.create(
        { ...input, name: 'VC', goal: { activities: [versionControl] } },
        'user:default/lead',
      );
      const subDimension = await first.campaigns.create(
        {
          ...input,
          name: 'Source control',
          goal: { dimensions: { 'Development and Source Control': 1 } },
        },
        'user:default/lead',
      );
      const level = await first.campaigns.create(
        { ...input, name: 'Level 1', goal: { level: 1 } },
        'user:default/lead',
      );
      const archived = await first.campaigns.create(
        { ...input, name: 'Gone', goal: { level: 1 } },
        'user:default/lead',
      );
      await first.campaigns.update(archived.id, { archived: true });

      // Day 1: one of three has version control.
      await first.scoring.recomputeAll();
      const counts = async (c: CampaignService, id: string) => {
        const { inScope, done } = await c.progress(id, VISIBLE_TO_ALL);
        return { inScope, done };
      };
      const day1 = await counts(first.campaigns, activities.id);
      expect(day1).toEqual({ inScope: 3, done: 1 });
      const expectedDay1 = [];
      for (const c of [activities, subDimension, level]) {
        expectedDay1.push({
          id: c.id,
          day: '2026-03-01',
          ...(await counts(first.campaigns, c.id)),
        });
      }
      const byId = (a: { id: string }, b: { id: string }) =>
        a.id.localeCompare(b.id);
      expect(await snapshotRows(knex)).toEqual(expectedDay1.sort(byId));

      // Day 2: two replicas see svc-1 gain version control; each recomputes, twice, and
      // both record the day at once: still one row per campaign and day.
      const a = await replica(knex, catalog(0, 1), '2026-03-02T09:00:00Z');
      const b = await replica(knex, catalog(0, 1), '2026-03-02T09:00:05Z');
      await a.scoring.recomputeAll();
      await b.scoring.recomputeAll();
      await Promise.all([
        a.campaigns.recordSnapshots(),
        b.campaigns.recordSnapshots(),
        a.campaigns.recordSnapshots('2026-03-02'),
      ]);
      const day2 = await counts(a.campaigns, activities.id);
      expect(day2).toEqual({ inScope: 3, done: 2 });
      const rows = await snapshotRows(knex);
      expect(rows).toHaveLength(6);
      expect(rows.filter(r => r.id === archived.id)).toEqual([]);
      expect(
        rows.find(r => r.id === activities.id && r.day === '2026-03-02'),
      ).toEqual({ id: activities.id, day: '2026-03-02', ...day2 });

      // Day 4, no recompute on day 3: the burn-up carries day 2 over, then today's counts.
      const later = await replica(
        knex,
        catalog(0, 1, 2),
        '2026-03-04T12:00:00Z',
      );
      await later.scoring.recomputeEntity(
        'component:default/svc-2',
        await mockServices.auth().getOwnServiceCredentials(),
      );
      const progress = await later.campaigns.progress(
        activities.id,
        VISIBLE_TO_ALL,
      );
      expect(progress.burnUp).toEqual([
        { day: '2026-03-01', ...day1 },
        { day: '2026-03-02', ...day2 },
        { day: '2026-03-03', ...day2 },
        { day: '2026-03-04', inScope: 3, done: 3 },
      ]);
      // The snapshots count every component: a caller who may read only some sees today only.
      const partial = await later.campaigns.progress(activities.id, {
        type: 'refs',
        refs: ['component:default/svc-0'],
      });
      expect(partial.burnUp).toEqual([
        { day: '2026-03-04', inScope: 1, done: 1 },
      ]);
      // A sub-dimension goal uses the snapshots too; a level goal keeps the score history.
      const sub = await later.campaigns.progress(
        subDimension.id,
        VISIBLE_TO_ALL,
      );
      expect(sub.burnUp.slice(0, 2)).toEqual(
        rows
          .filter(r => r.id === subDimension.id)
          .map(({ day, inScope, done }) => ({ day, inScope, done })),
      );
      const levelProgress = await later.campaigns.progress(
        level.id,
        VISIBLE_TO_ALL,
      );
      expect(levelProgress.burnUp.map(p => p.day)).toEqual([
        '2026-03-01',
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
      ]);
    });
  },
);
