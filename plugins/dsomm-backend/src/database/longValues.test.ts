import fs from 'fs';
import path from 'path';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { random } from '../../bench/random';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { component } from '../__testUtils__/entities';
import { columnText, MAX_COLUMN_CHARS } from './rows';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const directory = path.resolve(__dirname, '../../migrations');

/**
 * `length` characters that do not compress (PostgreSQL compresses long index entries, so a
 * repeated character would hide the b-tree size limit), with multi-byte characters, astral
 * ones (surrogate pairs) and NUL among them.
 */
function hostileText(length: number, seed: number): string {
  const next = random(seed);
  const alphabet = [
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./:',
    'é',
    'ß',
    '漢',
    '字',
    '😀',
    '🔒',
    '\u0000',
  ];
  let text = '';
  while (text.length < length) {
    text += alphabet[Math.floor(next() * alphabet.length)];
  }
  return text.slice(0, length);
}

/** `table.column` of the plugin's columns whose length the database enforces. */
async function boundedColumns(knex: Knex): Promise<string[]> {
  if (knex.client.dialect !== 'postgresql') return [];
  const columns = await knex('information_schema.columns')
    .where('table_schema', knex.raw('current_schema()'))
    .where('table_name', 'like', 'dsomm\\_%')
    .where('data_type', 'character varying')
    .select('table_name', 'column_name');
  return columns.map(c => `${c.table_name}.${c.column_name}`).sort();
}

async function indexNames(knex: Knex): Promise<string[]> {
  if (knex.client.dialect !== 'postgresql') {
    return knex('sqlite_master').where({ type: 'index' }).pluck('name');
  }
  return knex('pg_indexes')
    .where('schemaname', knex.raw('current_schema()'))
    .pluck('indexname');
}

describe('columnText', () => {
  it('keeps short strings, drops non-strings and NUL, and cuts long ones with an ellipsis on a character boundary', () => {
    expect(columnText('team-a')).toBe('team-a');
    expect(columnText(undefined)).toBeNull();
    expect(columnText(42)).toBeNull();
    expect(columnText({ a: 1 })).toBeNull();
    expect(columnText('a\u0000b')).toBe('ab');
    const long = 'x'.repeat(1000);
    expect(columnText(long)).toBe(`${'x'.repeat(MAX_COLUMN_CHARS - 1)}…`);
    // An astral character straddling the cut is dropped whole, never halved.
    const straddling = `${'x'.repeat(MAX_COLUMN_CHARS - 2)}😀${'y'.repeat(10)}`;
    const cut = columnText(straddling)!;
    expect(cut).toBe(`${'x'.repeat(MAX_COLUMN_CHARS - 2)}…`);
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
    for (let seed = 1; seed <= 50; seed++) {
      const value = columnText(hostileText(2000, seed))!;
      expect(value.length).toBeLessThanOrEqual(MAX_COLUMN_CHARS);
      // a lone surrogate would not survive UTF-8
      expect(Buffer.from(value, 'utf8').toString('utf8')).toBe(value);
      expect(value.includes('\u0000')).toBe(false);
    }
  });
});

describe.each(databases.eachSupportedId())('long values on %p', databaseId => {
  it('turns the string columns into text on existing data, keeping rows, indexes and the unique key', async () => {
    const knex = await databases.init(databaseId);
    // The schema before this migration, with data in every table.
    while (!(await knex.schema.hasColumn('dsomm_reports', 'finding_ages'))) {
      await knex.migrate.up({ directory });
    }
    const ref = 'component:default/existing';
    const at = '2026-05-01T00:00:00.000Z';
    const report = {
      id: 'r1',
      entity_ref: ref,
      sha256: 'f'.repeat(64),
      size_bytes: 1,
      format: 'trivy',
      tool_name: 'Trivy',
      uploaded_at: at,
      uploaded_by: 'external:test',
      summary: '{}',
      open_findings: '[]',
      finding_ages: '[]',
      activity_ids: '[]',
    };
    await knex('dsomm_reports').insert(report);
    await knex('dsomm_evidence').insert({
      id: 'e1',
      entity_ref: ref,
      activity_id: 'a1',
      source: 'attestation',
      observed_at: at,
      details: '{}',
      created_by: 'user:default/jane',
    });
    await knex('dsomm_waivers').insert({
      id: 'w1',
      entity_ref: ref,
      activity_id: 'a1',
      justification: 'n/a',
      granted_by: 'user:default/jane',
      granted_at: at,
    });
    await knex('dsomm_scores').insert({
      entity_ref: ref,
      kind: 'component',
      namespace: 'default',
      name: 'existing',
      title: 'Existing',
      owner: 'group:default/team-a',
      level_build_and_deployment: 1,
      level_culture_and_organization: 1,
      level_implementation: 1,
      level_information_gathering: 1,
      level_test_and_verification: 1,
      overall_level: 1,
      score: 10,
      computed_at: at,
      dimension_levels: '{}',
    });
    await knex('dsomm_score_details').insert({ entity_ref: ref, detail: '{}' });
    await knex('dsomm_score_history').insert({
      entity_ref: ref,
      day: '2026-05-01',
      overall_level: 1,
      score: 10,
      owner: 'group:default/team-a',
      dimension_levels: '{}',
    });

    await knex.migrate.latest({ directory });

    for (const table of [
      'dsomm_reports',
      'dsomm_evidence',
      'dsomm_waivers',
      'dsomm_scores',
      'dsomm_score_details',
      'dsomm_score_history',
    ]) {
      expect({
        table,
        refs: await knex(table).pluck('entity_ref'),
      }).toEqual({ table, refs: [ref] });
    }
    // SQLite enforces no declared length; on PostgreSQL only ids and times the plugin
    // makes itself stay bounded.
    expect(await boundedColumns(knex)).toEqual(
      databaseId === 'POSTGRES_15'
        ? [
            'dsomm_evidence.id',
            'dsomm_finding_lifecycle.fingerprint',
            'dsomm_notifications.key_hash',
            'dsomm_reports.id',
            'dsomm_reports.sha256',
            'dsomm_score_history.day',
            'dsomm_waivers.id',
          ]
        : [],
    );
    expect(await indexNames(knex)).toEqual(
      expect.arrayContaining([
        'dsomm_evidence_entity_idx',
        'dsomm_waivers_entity_idx',
        'dsomm_scores_owner_idx',
        'dsomm_scores_system_idx',
        'dsomm_scores_domain_idx',
        'dsomm_scores_tier_idx',
        'dsomm_scores_kind_lifecycle_idx',
        'dsomm_scores_overall_idx',
        'dsomm_score_history_day_idx',
        'dsomm_reports_entity_sha_uq',
        'dsomm_reports_entity_idx',
        // 20261129000100_report_scan_kind replaces dsomm_reports_entity_tool_idx with it.
        'dsomm_reports_entity_tool_kind_idx',
        'dsomm_evidence_status_idx',
        'dsomm_waivers_status_idx',
      ]),
    );
    // Records made before approvals existed count as approved.
    expect(await knex('dsomm_evidence').pluck('status')).toEqual(['approved']);
    expect(await knex('dsomm_waivers').pluck('status')).toEqual(['approved']);
    // The same report for the same entity is still refused by the unique key. (The SQLite
    // driver's errors may come from another realm, so the message is compared.)
    const duplicate = await knex('dsomm_reports')
      .insert({ ...report, id: 'r2' })
      .then(
        () => 'stored',
        (error: Error) => error.message,
      );
    expect(duplicate).toMatch(/unique/i);
  });

  it('scores components whose every catalog value is thousands of characters long, and stores reports with such tool names', async () => {
    const knex = await databases.init(databaseId);
    const long = (seed: number) => hostileText(4000, seed);
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'long-system', namespace: 'default' },
      spec: { owner: 'team-a', domain: `domain:default/${long(1)}` },
    };
    const hostile = component(
      'long-values',
      {
        owner: `group:default/${long(2)}`,
        system: 'long-system',
        lifecycle: long(3),
      },
      {
        'dsomm.owasp.org/tier': long(4),
        'dsomm.owasp.org/implemented': long(5),
        'dsomm.owasp.org/not-applicable': long(6),
      },
    );
    hostile.metadata.title = long(7);
    hostile.metadata.description = long(8);
    const plain = component('plain', { owner: 'team-a' });
    const { server } = await startTestBackend({
      features: [
        ...dsommTestFeatures({
          knex,
          entities: [system, hostile, plain],
        }),
        // Errors behind a 500 show in the test output.
        mockServices.rootLogger.factory({ level: 'error' }),
      ],
    });

    for (const name of ['long-values', 'plain']) {
      const res = await request(server)
        .post(`/api/dsomm/entities/component/default/${name}/refresh`)
        .set('Authorization', user);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
    }
    const score = await request(server)
      .get('/api/dsomm/entities/component/default/long-values')
      .set('Authorization', user);
    expect(score.status).toBe(200);
    // The entity page keeps the full value; the scorecard columns a cut one.
    expect(score.body.title).toBe(hostile.metadata.title);
    const row = await knex('dsomm_scores')
      .where({ entity_ref: 'component:default/long-values' })
      .first();
    expect(row.title).toBe(columnText(hostile.metadata.title));
    expect(row.tier).toBe(
      columnText(hostile.metadata.annotations!['dsomm.owasp.org/tier']),
    );
    expect(row.lifecycle).toBe(columnText(hostile.spec!.lifecycle));
    for (const column of ['owner', 'domain', 'lifecycle', 'tier']) {
      expect({ column, length: row[column].length }).toEqual({
        column,
        length: MAX_COLUMN_CHARS,
      });
    }
    const card = await request(server)
      .get('/api/dsomm/scorecard')
      .set('Authorization', user);
    expect(card.status).toBe(200);
    expect(card.body.rows.map((r: any) => r.name).sort()).toEqual([
      'long-values',
      'plain',
    ]);

    // A SARIF report whose tool name and version are thousands of characters long,
    // uploaded twice (distinct bodies): the second carries findings forward by tool name.
    const sarif = JSON.parse(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../reports/__fixtures__/sarif/gitleaks_7.5.0.sarif',
        ),
        'utf8',
      ),
    );
    sarif.runs[0].tool.driver.name = hostileText(3000, 9).replaceAll(
      '\u0000',
      '',
    );
    sarif.runs[0].tool.driver.version = hostileText(3000, 10).replaceAll(
      '\u0000',
      '',
    );
    for (const spaces of [0, 1]) {
      const upload = await request(server)
        .post(
          '/api/dsomm/reports?entity=component:default/long-values&format=sarif',
        )
        .set('Authorization', user)
        .set('Content-Type', 'application/octet-stream')
        .send(JSON.stringify(sarif) + ' '.repeat(spaces));
      expect({ spaces, status: upload.status }).toEqual({
        spaces,
        status: 201,
      });
    }
    const reports = await knex('dsomm_reports').where({
      entity_ref: 'component:default/long-values',
    });
    expect(reports).toHaveLength(2);
    const list = await request(server)
      .get('/api/dsomm/entities/component/default/long-values/reports')
      .set('Authorization', user);
    expect(list.status).toBe(200);
    expect(list.body.reports).toHaveLength(2);
    // The parser already cuts the tool name; the column keeps what the summary kept.
    const kept: string = list.body.reports[0].summary.tool.name;
    expect(sarif.runs[0].tool.driver.name.startsWith(kept.slice(0, -1))).toBe(
      true,
    );
    for (const stored of reports) {
      expect(stored.tool_name).toBe(columnText(kept));
    }
    // The findings' lifecycle is kept under the same cut name, one row per finding.
    const tracked = await knex('dsomm_finding_lifecycle').where({
      entity_ref: 'component:default/long-values',
    });
    expect(tracked.length).toBeGreaterThan(0);
    expect(new Set(tracked.map(t => t.tool_name))).toEqual(
      new Set([columnText(kept)]),
    );
  });
});
