import fs from 'fs';
import path from 'path';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { dsommTestFeatures } from '../__testUtils__/backend';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();

const COMPONENTS = 20;
const BODIES_PER_COMPONENT = 10;

/** A real Semgrep report; trailing whitespace makes each copy a distinct report (new sha256). */
const base = fs
  .readFileSync(
    path.resolve(__dirname, '../reports/__fixtures__/semgrep/empty.json'),
    'utf8',
  )
  .trimEnd();
const bodyFor = (variant: number) => `${base}${' '.repeat(variant + 1)}\n`;
const nameOf = (i: number) => `fault-${String(i).padStart(2, '0')}`;

describe.each(databases.eachSupportedId())(
  'concurrent report uploads on %p',
  databaseId => {
    it('stores every distinct report once, answers duplicates with the same id, and scores after every upload', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const { server } = await startTestBackend({
        features: dsommTestFeatures({
          knex,
          // Every upload is in flight at once: let them all wait for the parse worker.
          config: {
            ...testConfig,
            dsomm: {
              ...testConfig.dsomm,
              reports: {
                parse: { maxQueue: 2 * COMPONENTS * BODIES_PER_COMPONENT },
              },
            },
          },
          entities: Array.from({ length: COMPONENTS }, (_, i) =>
            component(nameOf(i), { owner: 'team-a' }),
          ),
        }),
      });

      // 200 distinct reports, each uploaded twice, all 400 requests in flight at once. A
      // component's reports are sent next to each other so that its uploads overlap.
      const jobs = Array.from(
        { length: COMPONENTS * BODIES_PER_COMPONENT },
        (_, n) => ({
          name: nameOf(Math.floor(n / BODIES_PER_COMPONENT)),
          body: bodyFor(n % BODIES_PER_COMPONENT),
        }),
      );
      const send = (job: (typeof jobs)[number]) =>
        request(server)
          .post(
            `/api/dsomm/reports?entity=component:default/${job.name}&format=semgrep`,
          )
          .set('Authorization', user)
          .set('Content-Type', 'application/octet-stream')
          .send(job.body);
      const responses = await Promise.all(
        jobs.map(job => Promise.all([send(job), send(job)])),
      );

      for (const [a, b] of responses) {
        // exactly one of the two identical uploads created the report
        expect(
          [
            { status: a.status, error: a.body.error },
            { status: b.status, error: b.body.error },
          ].sort((x, y) => x.status - y.status),
        ).toEqual([
          { status: 200, error: undefined },
          { status: 201, error: undefined },
        ]);
        expect(b.body.id).toBe(a.body.id);
      }
      const total = Number(
        (await knex('dsomm_reports').count({ n: '*' }))[0].n,
      );
      expect(total).toBe(COMPONENTS * BODIES_PER_COMPONENT);
      const ids = new Set(responses.map(([a]) => a.body.id as string));
      expect(ids.size).toBe(COMPONENTS * BODIES_PER_COMPONENT);

      for (let i = 0; i < COMPONENTS; i++) {
        const ref = `component/default/${nameOf(i)}`;
        const mine = responses
          .map(([a]) => a.body)
          .filter(r => r.entityRef === `component:default/${nameOf(i)}`);
        expect(mine).toHaveLength(BODIES_PER_COMPONENT);
        const expectedIds = mine.map(r => r.id as string).sort();

        const list = await request(server)
          .get(`/api/dsomm/entities/${ref}/reports`)
          .set('Authorization', user);
        expect(list.status).toBe(200);
        expect(list.body.reports.map((r: any) => r.id).sort()).toEqual(
          expectedIds,
        );

        // The stored score (GET does not re-score when a score is stored) must have been
        // computed after every upload: only a tool's latest upload counts, so a score that
        // missed one names an earlier report than the latest.
        const score = await request(server)
          .get(`/api/dsomm/entities/${ref}`)
          .set('Authorization', user);
        expect(score.status).toBe(200);
        const evidenced = new Set<string>(
          score.body.activities.flatMap((a: any) =>
            a.evidence
              .filter((e: any) => e.source === 'report')
              .map((e: any) => e.details.reportId),
          ),
        );
        const latest = [...mine].sort(
          (x, y) =>
            x.uploadedAt.localeCompare(y.uploadedAt) ||
            x.id.localeCompare(y.id),
        )[mine.length - 1];
        expect({ ref, evidenced: [...evidenced] }).toEqual({
          ref,
          evidenced: [latest.id],
        });
        const lastUpload = mine
          .map(r => r.uploadedAt as string)
          .sort()
          .pop()!;
        expect(score.body.computedAt >= lastUpload).toBe(true);
      }
    });
  },
);
