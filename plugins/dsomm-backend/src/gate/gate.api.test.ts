import fs from 'fs';
import path from 'path';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { startCallerViewBackend } from '../__testUtils__/callerViewBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const GATE = '/entities/{kind}/{namespace}/{name}/gate';
const DAY_MS = 24 * 60 * 60 * 1000;
// Every level-1 activity is declared, so a component meets its target of 1 unless the
// treatment of high findings is contradicted by a finding past its SLA.
const model = getBuiltInModel();
const LEVEL_1 = model.activities.filter(a => a.level === 1).map(a => a.key);
const TREATMENT = indexModel(model).resolve(
  'treatment-of-defects-with-high-or-critical-severity',
)!.id;

/** The real Grype report (one High finding), as if scanned `days` ago. */
function grypeScannedDaysAgo(days: number): Buffer {
  const report = JSON.parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../reports/__fixtures__/anchore_grype/fix_available.json',
      ),
      'utf8',
    ),
  );
  report.descriptor.timestamp = new Date(
    Date.now() - days * DAY_MS,
  ).toISOString();
  return Buffer.from(JSON.stringify(report));
}

const declared = (name: string, tier: string) =>
  component(
    name,
    { owner: 'team-a' },
    {
      'dsomm.owasp.org/tier': tier,
      'dsomm.owasp.org/implemented': LEVEL_1.join(','),
    },
  );

async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-a', namespace: 'default' },
          spec: { type: 'team', children: [] },
        },
        declared('relaxed', 'standard'),
        declared('strict', 'fast'),
        component('bare', { owner: 'team-a' }),
      ],
      config: {
        dsomm: {
          targets: {
            default: { level: 1 },
            tiers: { fast: { level: 1, findingSlaDays: { high: 7 } } },
          },
          // The global SLA of high findings stays the default 30 days.
        },
      },
    }),
  });
  const upload = (name: string, body: Buffer) =>
    request(server)
      .post(`/api/dsomm/reports?entity=component:default/${name}`)
      .set('Authorization', user)
      .set('Content-Type', 'application/octet-stream')
      .send(body);
  const gate = async (path_: string, status = 200) => {
    const res = await request(server)
      .get(`/api/dsomm/entities/${path_}`)
      .set('Authorization', user);
    expect(res.status).toBe(status);
    assertMatchesSpec('get', GATE, res);
    return res.body;
  };
  const score = async (name: string) => {
    const res = await request(server)
      .get(`/api/dsomm/entities/component/default/${name}`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return res.body;
  };
  return { server, upload, gate, score };
}

describe.each(databases.eachSupportedId())('CI gate on %p', databaseId => {
  it('fails a component past its tier SLA and one below target, and passes the rest', async () => {
    const { upload, gate, score } = await startBackend(databaseId);

    // Nothing uploaded: both declared components pass, the bare one is below target.
    expect(await gate('component/default/strict/gate')).toEqual({
      entityRef: 'component:default/strict',
      failOn: ['sla-breach', 'below-target'],
      pass: true,
      failures: [],
    });
    const bare = await gate('component/default/bare/gate?failOn=below-target');
    expect(bare).toMatchObject({ pass: false, failOn: ['below-target'] });
    expect(bare.failures).toEqual([
      {
        rule: 'below-target',
        reason: expect.stringMatching(/^below its target: .+ at level 0 of 1/),
      },
    ]);
    // Findings are not asked about: the bare component passes that rule.
    expect(
      (await gate('component/default/bare/gate?failOn=sla-breach')).pass,
    ).toBe(true);

    // The same report, its High finding first seen 15 days ago, on both components.
    const report = grypeScannedDaysAgo(15);
    expect((await upload('relaxed', report)).status).toBe(201);
    expect((await upload('strict', report)).status).toBe(201);

    // Standard tier: the global 30 days; the finding is within them.
    expect(await gate('component/default/relaxed/gate')).toMatchObject({
      pass: true,
      failures: [],
    });

    // Fast tier: 7 days; the finding is past them, which also contradicts the declared
    // treatment of high findings, so the component drops below its target.
    const strict = await gate(
      'component/default/strict/gate?failOn=sla-breach,below-target',
    );
    expect(strict.pass).toBe(false);
    expect(strict.failures).toEqual([
      {
        rule: 'sla-breach',
        reason: expect.stringMatching(
          /^1 open finding\(s\) past their SLA \(tier fast\): 1 high over 7 days, e\.g\. \S+$/,
        ),
      },
      {
        rule: 'below-target',
        reason: expect.stringMatching(/^below its target: /),
      },
    ]);
    // Repeated parameters work as comma-separated ones.
    expect(
      await gate(
        'component/default/strict/gate?failOn=sla-breach&failOn=sla-breach',
      ),
    ).toMatchObject({ pass: false, failOn: ['sla-breach'] });

    // The entity scores say the same of the treatment activity, each with its tier's SLA.
    const note = async (name: string) =>
      (await score(name)).activityNotes.find(
        (n: any) => n.activityId === TREATMENT,
      );
    expect(await note('relaxed')).toMatchObject({
      counts: true,
      reason: '1 open critical or high finding(s), all within the SLA.',
    });
    expect(await note('strict')).toMatchObject({
      counts: false,
      contradicts: true,
      reason: expect.stringMatching(
        /^1 critical or high finding\(s\) open longer than the SLA \(critical 7 days, high 7 days\)/,
      ),
    });
  });

  it('answers 400 naming an unknown rule or a non-component, and 404 for an unknown entity', async () => {
    const { gate } = await startBackend(databaseId);
    const unknown = await gate(
      'component/default/strict/gate?failOn=sla-breach,coverage',
      400,
    );
    expect(unknown.error.message).toBe(
      'failOn: unknown rule "coverage"; expected sla-breach or below-target',
    );
    expect((await gate('group/default/team-a/gate', 400)).error.message).toBe(
      'kind: a gate is for a component, not a group',
    );
    expect((await gate('component/default/nope/gate', 404)).error.message).toBe(
      'Entity component:default/nope is not in the catalog',
    );
  });

  it('answers 404 for a component the caller cannot see', async () => {
    const knex = await databases.init(databaseId);
    const ADMIN = 'user:default/admin';
    const { server } = await startCallerViewBackend({
      knex,
      entities: [
        component('open', { owner: 'team-a' }),
        component('secret', { owner: 'team-a' }),
      ],
      visibleToCaller: e => e.metadata.name !== 'secret',
      admin: ADMIN,
    });
    const read = (name: string, who: string) =>
      request(server)
        .get(`/api/dsomm/entities/component/default/${name}/gate`)
        .set('Authorization', who);
    expect((await read('open', user)).status).toBe(200);
    const hidden = await read('secret', user);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      'Entity component:default/secret is not in the catalog',
    );
    expect(
      (await read('secret', mockCredentials.user.header(ADMIN))).status,
    ).toBe(200);
  });
});
