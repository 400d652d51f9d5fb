import { ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { mockCredentials } from '@backstage/backend-test-utils';
import { StoredReport } from '@dsomm/plugin-dsomm-common';
import request from 'supertest';
import { DsommStore } from '../database/DsommStore';
import { ReportRow, StoredScore, rowToReport } from '../database/rows';
import { defaultReportParsers } from '../reports/parsers';
import { readReport } from '../reports/readReport';
import { createTestDatabases } from '../__testUtils__/databases';
import type { ChildOptions } from './killMidUpload.test.child';

// Three child backends start, migrate and are killed in turn: minutes on a busy machine.
jest.setTimeout(300_000);

/**
 * Issue 6: a backend process killed (SIGKILL, no shutdown hooks) while uploads are in flight
 * leaves no partial rows, and a backend restarted on the same database migrates again without
 * error and, recomputing from what is stored, gets the scores the kill left. The backend runs
 * in a child process (killMidUpload.test.child.ts) on the database the test inspects: a file
 * for SQLite, a per-test database for PostgreSQL. Three rounds of upload-and-kill per database,
 * each restart serving the next round, so the kills land at different points.
 */
const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .some(([id]) => id === 'POSTGRES_15');
const user = mockCredentials.user.header();

const PLUGIN_DIR = path.resolve(__dirname, '../..');
const CHILD_SCRIPT = path.resolve(__dirname, 'killMidUpload.test.child.ts');
const MIGRATIONS = fs
  .readdirSync(path.resolve(PLUGIN_DIR, 'migrations'))
  .sort();

const ENTITIES = ['killed-a', 'killed-b', 'killed-c'];
const ROUNDS = 3;
const IN_FLIGHT = 8;
/** More than can complete before the kill: uploads are still being sent when it lands. */
const JOBS_PER_ROUND = 400;
/**
 * Acknowledged uploads of a round before the kill is armed, growing per round so that it hits
 * entities with few and with many stored reports.
 */
const ACKED_BEFORE_KILL = [1, 6, 20];
/** Errors of a request in flight whose connection the kill cut. */
const CUT = ['ECONNRESET', 'EPIPE'];

/** Real Semgrep reports, one with findings (so open findings are stored) and one without. */
const fixtures = ['many_vulns.json', 'empty.json'].map(name =>
  fs
    .readFileSync(
      path.resolve(__dirname, '../reports/__fixtures__/semgrep', name),
      'utf8',
    )
    .trimEnd(),
);
/** Trailing whitespace makes every job of every round a distinct report. */
const jobOf = (round: number, n: number) => ({
  entityRef: `component:default/${ENTITIES[n % ENTITIES.length]}`,
  body: Buffer.from(
    `${fixtures[n % fixtures.length]}${' '.repeat(
      round * JOBS_PER_ROUND + n + 1,
    )}\n`,
  ),
});
type Job = ReturnType<typeof jobOf>;

const sha256 = (body: Buffer) =>
  createHash('sha256').update(body).digest('hex');
const keyOf = (entityRef: string, sha: string) => `${entityRef}|${sha}`;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor<T>(
  probe: () => T | Promise<T>,
  pauseMs = 1,
): Promise<T> {
  // No deadline of its own: on a loaded machine any fixed budget can run out before the
  // condition holds; the test's timeout is the one limit.
  for (;;) {
    const value = await probe();
    if (value) return value;
    await sleep(pauseMs);
  }
}

/** A database both the test and the child backends open. */
interface Target {
  knex: Knex;
  /** How child `index` connects. */
  childKnex(index: number): Knex.Config;
  /** While child `index` runs: what shows it has a write transaction open now, if it has. */
  openWrite(index: number): Promise<unknown>;
  /**
   * Once child `index` is dead: waits until the database is rid of it, then tells whether the
   * write transaction `seen` open was rolled back (it was cut mid-way, not committed).
   */
  rolledBack(index: number, seen: unknown): Promise<boolean>;
}

function sqliteFileTarget(file: string): Target {
  const config: Knex.Config = {
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  };
  // In SQLite's default (delete) journal mode the rollback journal exists from a transaction's
  // first write until its commit; one left behind by a dead writer is "hot" and is rolled back
  // by the next connection that reads. So: check it before the test reads anything.
  const journal = `${file}-journal`;
  return {
    knex: knexFactory(config),
    childKnex: () => config,
    openWrite: async () => fs.existsSync(journal),
    rolledBack: async () => fs.existsSync(journal),
  };
}

async function postgresTarget(): Promise<Target> {
  const knex = await databases.init('POSTGRES_15');
  const connection = knex.client.config.connection as Knex.PgConnectionConfig;
  // Tags the child's sessions so the test can tell them from its own.
  const app = (index: number) => `dsomm-killed-${index}`;
  return {
    knex,
    childKnex: index => ({
      client: 'pg',
      connection: {
        ...connection,
        // knex keeps the password out of the object's enumerable keys
        password: connection.password,
        application_name: app(index),
      },
    }),
    async openWrite(index) {
      // A session with an xid has written (e.g. its report row) and not yet ended. The xid is
      // widened to a txid with the current epoch, for txid_status below.
      const rows: { txid: string }[] = await knex('pg_stat_activity')
        .where({ application_name: app(index) })
        .whereNotNull('backend_xid')
        .select(
          knex.raw(
            '((txid_snapshot_xmax(txid_current_snapshot()) >> 32) << 32) + backend_xid::text::bigint as txid',
          ),
        );
      return rows.length > 0 ? rows.map(r => r.txid) : undefined;
    },
    async rolledBack(index, seen) {
      // PostgreSQL notices the closed sockets and aborts the dead child's transactions.
      const gone = await waitFor(
        async () =>
          Number(
            (
              await knex('pg_stat_activity')
                .where({ application_name: app(index) })
                .count({ n: '*' })
            )[0].n,
          ) === 0,
        50,
      );
      expect(gone).toBe(true);
      const statuses: string[] = [];
      for (const txid of (seen as string[] | undefined) ?? []) {
        const { rows } = await knex.raw('select txid_status(?) as status', [
          txid,
        ]);
        statuses.push(rows[0].status);
      }
      return statuses.includes('aborted');
    },
  };
}

interface Child {
  index: number;
  process: ChildProcess;
  port: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Starts a backend (which runs the migrations) in a child process on the target database. */
async function startChild(target: Target, index: number): Promise<Child> {
  const options: ChildOptions = {
    knex: target.childKnex(index),
    entities: ENTITIES,
  };
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      CHILD_SCRIPT,
    ],
    {
      cwd: PLUGIN_DIR,
      env: { ...process.env, DSOMM_FAULT_CHILD: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const exit = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(resolve =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', chunk => {
      stdout += chunk;
      const match = /^\{"port":(\d+)\}$/m.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    exit.then(({ code, signal }) =>
      reject(
        new Error(
          `backend ${index} exited (${
            code ?? signal
          }) before listening:\n${stderr}`,
        ),
      ),
    );
  });
  return { index, process: child, port, exit };
}

interface Upload {
  job: Job;
  status?: number;
  body?: any;
  error?: string;
}

/**
 * Keeps IN_FLIGHT uploads going against the child; once ACKED_BEFORE_KILL[round] of them have
 * been acknowledged, waits until the child has a write transaction open and SIGKILLs it.
 */
async function uploadAndKill(
  target: Target,
  child: Child,
  round: number,
  sent: Map<string, Buffer>,
) {
  const base = `http://127.0.0.1:${child.port}`;
  const uploads: Upload[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < JOBS_PER_ROUND) {
      const job = jobOf(round, next++);
      sent.set(keyOf(job.entityRef, sha256(job.body)), job.body);
      uploads.push(
        await request(base)
          .post(`/api/dsomm/reports?entity=${job.entityRef}&format=semgrep`)
          .set('Authorization', user)
          .set('Content-Type', 'application/octet-stream')
          .send(job.body)
          .then(
            res => ({ job, status: res.status, body: res.body }),
            error => ({ job, error: String(error.code ?? error.message) }),
          ),
      );
    }
  };
  const workers = Array.from({ length: IN_FLIGHT }, worker);

  // Every job answered (none left to send) also ends a wait, so a run that never sees its
  // condition fails on the assertions below instead of waiting for the test's timeout.
  const allAnswered = () =>
    next >= JOBS_PER_ROUND && uploads.length >= JOBS_PER_ROUND;
  await waitFor(
    () =>
      uploads.filter(u => u.status === 201).length >=
        ACKED_BEFORE_KILL[round] ||
      uploads.some(u => u.status !== 201) ||
      allAnswered(),
  );
  let seen: unknown;
  await waitFor(async () => {
    seen = await target.openWrite(child.index);
    return seen || allAnswered();
  });
  killed = true;
  child.process.kill('SIGKILL');
  const exit = await child.exit;
  const rolledBack = await target.rolledBack(child.index, seen);
  await Promise.all(workers);
  return { uploads, exit, seenOpenWrite: Boolean(seen), rolledBack };
}

/** What a completed upload of `body` stores as summary and open findings. */
function expectedRow(body: Buffer) {
  // Finding keys and fingerprints are stored apart from the summary.
  const {
    findingKeys,
    fingerprints: _fingerprints,
    ...summary
  } = readReport(body, defaultReportParsers, 'semgrep');
  const openFindings = (['critical', 'high', 'medium'] as const)
    .flatMap(severity =>
      (findingKeys?.[severity] ?? []).map(key => `${severity} ${key}`),
    )
    .sort();
  return { summary, openFindings };
}

/**
 * The database holds only whole uploads: each report row is one the test sent, complete, and
 * every acknowledged upload is there as answered. Each entity with reports has a score (and
 * today's history snapshot) that names only stored reports and names its latest one: the
 * report row and the re-score of its upload commit together or not at all. Returns the stored
 * scores.
 */
async function expectConsistent(
  knex: Knex,
  sent: Map<string, Buffer>,
  acked: Map<string, StoredReport>,
): Promise<Map<string, StoredScore>> {
  const rows: ReportRow[] = await knex('dsomm_reports');
  const byId = new Map(rows.map(row => [row.id, row]));
  expect([...acked.keys()].filter(id => !byId.has(id))).toEqual([]);
  for (const [id, report] of acked) {
    expect(rowToReport(byId.get(id)!)).toEqual(report);
  }

  for (const row of rows) {
    const body = sent.get(keyOf(row.entity_ref, row.sha256));
    expect({ report: row.id, sent: Boolean(body) }).toEqual({
      report: row.id,
      sent: true,
    });
    const expected = expectedRow(body!);
    expect(Number(row.size_bytes)).toBe(body!.length);
    expect(JSON.parse(row.summary)).toEqual(expected.summary);
    expect(
      (JSON.parse(row.open_findings) as { key: string; severity: string }[])
        .map(f => `${f.severity} ${f.key}`)
        .sort(),
    ).toEqual(expected.openFindings);
  }

  // Scores are read through the store, whatever tables it keeps them in; every entity with a
  // scorecard row has its whole score.
  const store = new DsommStore(knex);
  const scores = new Map<string, StoredScore>();
  for (const entityRef of (await knex('dsomm_scores').pluck(
    'entity_ref',
  )) as string[]) {
    const score = await store.getScore(entityRef);
    expect({ entityRef, whole: Boolean(score) }).toEqual({
      entityRef,
      whole: true,
    });
    scores.set(entityRef, score!);
  }
  for (const name of ENTITIES) {
    const entityRef = `component:default/${name}`;
    const mine = rows.filter(r => r.entity_ref === entityRef);
    if (mine.length === 0) continue;
    const score = scores.get(entityRef);
    expect({ entityRef, scored: Boolean(score) }).toEqual({
      entityRef,
      scored: true,
    });
    const named = new Set(
      score!.activities.flatMap(a =>
        a.evidence
          .filter(e => e.source === 'report')
          .map(e => String(e.details?.reportId)),
      ),
    );
    // Only stored reports: none whose upload was rolled back.
    const stored = new Set(mine.map(r => r.id));
    expect({
      entityRef,
      notStored: [...named].filter(id => !stored.has(id)),
    }).toEqual({ entityRef, notStored: [] });
    // The newest upload (any one of several in the same millisecond) is reflected.
    const newest = mine
      .map(r => r.uploaded_at)
      .reduce((a, b) => (a > b ? a : b));
    const newestIds = mine.filter(r => r.uploaded_at === newest).map(r => r.id);
    expect({
      entityRef,
      newestNamed: newestIds.some(id => named.has(id)),
    }).toEqual({ entityRef, newestNamed: true });
    const day = score!.computedAt.slice(0, 10);
    expect(
      (await store.history(entityRef, day)).map(h => h.day).includes(day),
    ).toBe(true);
  }
  // No snapshot of an entity without a score.
  const historyRefs = (await knex('dsomm_score_history')
    .distinct('entity_ref')
    .pluck('entity_ref')) as string[];
  expect(historyRefs.filter(ref => !scores.has(ref))).toEqual([]);
  // Uploads write no evidence rows (report evidence is derived when scoring).
  expect(Number((await knex('dsomm_evidence').count({ n: '*' }))[0].n)).toBe(0);
  return scores;
}

/** The migrations ran once each, and no migration lock was left taken. */
async function expectMigrated(knex: Knex) {
  const names = (await knex('knex_migrations').pluck('name')).sort();
  expect(names).toEqual(MIGRATIONS);
  const locks = await knex('knex_migrations_lock').pluck('is_locked');
  expect(locks.map(Number)).toEqual([0]);
}

async function killRounds(target: Target) {
  const sent = new Map<string, Buffer>();
  const acked = new Map<string, StoredReport>();
  const rounds = [];
  let child = await startChild(target, 0);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const result = await uploadAndKill(target, child, round, sent);
      rounds.push(result);
      const { uploads } = result;
      // Killed by the test, while uploads were in flight, after some had committed.
      expect(result.exit.signal).toBe('SIGKILL');
      expect(result.seenOpenWrite).toBe(true);
      // An answer other than 201 ends the wait early: shown with its body, first.
      expect(
        uploads
          .filter(u => u.status !== undefined && u.status !== 201)
          .map(u => ({ status: u.status, body: u.body })),
      ).toEqual([]);
      expect(
        uploads.filter(u => u.status === 201).length,
      ).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL[round]);
      expect(
        uploads.filter(u => u.error && CUT.includes(u.error)).length,
      ).toBeGreaterThan(0);
      // Before the kill every upload succeeded; after it, none was answered.
      expect(
        uploads.filter(
          u => u.status !== 201 && !(u.error && CUT.includes(u.error)),
        ),
      ).toEqual([]);
      for (const u of uploads) {
        if (u.status === 201) acked.set(u.body.id, u.body);
      }

      const left = await expectConsistent(target.knex, sent, acked);

      // Restart on the crashed database: the migrations run again, and recomputing each
      // entity from what is stored gives the score the kill left (only its time differs), so
      // that score already reflected exactly the committed uploads.
      const restartedAt = new Date().toISOString();
      child = await startChild(target, round + 1);
      await expectMigrated(target.knex);
      for (const name of ENTITIES) {
        const res = await request(`http://127.0.0.1:${child.port}`)
          .post(`/api/dsomm/entities/component/default/${name}/refresh`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        // Scored now; a stored score that comes out the same is not written again.
        expect(res.body.computedAt >= restartedAt).toBe(true);
      }
      const recomputed = await expectConsistent(target.knex, sent, acked);
      for (const [entityRef, score] of recomputed) {
        const before = left.get(entityRef);
        if (before) {
          expect({ ...score, computedAt: undefined }).toEqual({
            ...before,
            computedAt: undefined,
          });
        }
      }
    }
  } finally {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      await child.exit;
    }
  }
  return { rounds, stored: (await target.knex('dsomm_reports')).length };
}

afterAll(() => {
  // Only if a test failed half-way: no backend outlives the suite.
  for (const child of running) child.kill('SIGKILL');
});

describe('a backend killed in the middle of uploads on SQLite (a file)', () => {
  it('leaves whole uploads only, and a restart migrates and recomputes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-kill-'));
    const target = sqliteFileTarget(path.join(dir, 'dsomm.sqlite'));
    try {
      const { rounds, stored } = await killRounds(target);
      // each kill cut a write transaction, which was rolled back
      expect(rounds.map(r => r.rolledBack)).toEqual([true, true, true]);
      expect(stored).toBeGreaterThanOrEqual(
        ACKED_BEFORE_KILL.reduce((a, b) => a + b),
      );
    } finally {
      await target.knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

(postgres ? describe : describe.skip)(
  'a backend killed in the middle of uploads on PostgreSQL',
  () => {
    it('leaves whole uploads only, and a restart migrates and recomputes', async () => {
      const target = await postgresTarget();
      const { rounds, stored } = await killRounds(target);
      // each kill cut a transaction that had written, which was rolled back
      expect(rounds.map(r => r.rolledBack)).toEqual([true, true, true]);
      expect(stored).toBeGreaterThanOrEqual(
        ACKED_BEFORE_KILL.reduce((a, b) => a + b),
      );
    });
  },
);
