import fs from 'fs';
import path from 'path';
import { parseTeamProgress } from '../../progress/parseTeamProgress';
import { ParsePool } from './ParsePool';

jest.setTimeout(60_000);

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../__fixtures__', name));
const limits = { workers: 1, maxHeapMb: 128, timeoutSeconds: 30, maxQueue: 2 };

describe('ParsePool', () => {
  let pool: ParsePool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('parses in a worker, taking over the body memory instead of copying it', async () => {
    pool = new ParsePool(limits);
    const body = fixture('semgrep/many_vulns.json');
    const size = body.length;
    expect(size).toBeGreaterThan(4096);
    const summary = await pool.read(body, 'semgrep');
    expect(summary).toMatchObject({ format: 'semgrep', totalFindings: 48 });
    // The memory moved to the worker: the main thread's view is now empty.
    expect(body.length).toBe(0);
  });

  it('reads DSOMM team progress in a worker with the errors of reading it in place', async () => {
    pool = new ParsePool(limits);
    const options = {
      states: ['Planned', 'Started', 'Implemented'],
      now: new Date('2026-11-29T00:00:00Z'),
    };
    const text = [
      'progress:',
      '  c6e3c812-56e2-41b0-ae01-b7afc41a004c:',
      '    Team A:',
      '      Planned: 2026-01-02',
      '      Implemented: 2026-03-04',
      '',
    ].join('\n');
    const read = await pool.readProgress(text, options);
    expect(read).toEqual(parseTeamProgress(text, options));
    expect(read.map(e => [e.team, e.state, e.date])).toEqual([
      ['Team A', 'Planned', '2026-01-02T00:00:00.000Z'],
      ['Team A', 'Implemented', '2026-03-04T00:00:00.000Z'],
    ]);
    const failure = (body: string) =>
      pool!.readProgress(body, options).then(
        () => 'parsed',
        (e: Error & { statusCode?: number }) => [
          e.statusCode ?? e.name,
          e.message,
        ],
      );
    let inPlace: unknown;
    try {
      parseTeamProgress('progress: [', options);
    } catch (e) {
      inPlace = (e as Error).message;
    }
    expect(await failure('progress: [')).toEqual(['InputError', inPlace]);
    expect(
      await failure(text.replace('Planned: 2026', 'Dreaming: 2026')),
    ).toEqual([422, expect.stringContaining('unknown state')]);
  });

  it('gives back the same 4xx errors as parsing in place', async () => {
    pool = new ParsePool(limits);
    const failure = (body: string) =>
      pool!.read(Buffer.from(body)).then(
        () => 'parsed',
        (e: Error & { statusCode?: number }) => [
          e.name,
          e.statusCode,
          e.message,
        ],
      );
    expect(await failure('{"a": ')).toEqual([
      'InputError',
      undefined,
      expect.stringMatching(/^Report body looks like JSON but does not parse/),
    ]);
    expect(await failure('hello')).toEqual([
      'UnsupportedMediaTypeError',
      415,
      expect.stringContaining('neither JSON nor XML'),
    ]);
    expect(await failure('{"hello": 1}')).toEqual([
      'UnprocessableReportError',
      422,
      expect.stringContaining('JSON report of no known format'),
    ]);
  });

  it('queues up to maxQueue parses, refuses more with a retry time, and runs the queued ones', async () => {
    pool = new ParsePool({ ...limits, maxQueue: 1, timeoutSeconds: 7.5 });
    const body = () => fixture('semgrep/many_vulns.json');
    const running = pool.read(body());
    const queued = pool.read(body());
    await expect(pool.read(body())).rejects.toMatchObject({
      statusCode: 503,
      retryAfterSeconds: 8,
    });
    expect((await running).totalFindings).toBe(48);
    expect((await queued).totalFindings).toBe(48);
    // With the queue drained, reads are taken again.
    expect((await pool.read(body())).totalFindings).toBe(48);
  });

  it('ends a parse over the time limit with a 422 naming the limit', async () => {
    pool = new ParsePool({ ...limits, timeoutSeconds: 0.001 });
    const results = Array.from({ length: 20_000 }, (_, i) => ({
      check_id: `rule-${i}`,
      path: `src/${i}.js`,
      start: { line: 1 },
      extra: { message: `m${i}`, severity: 'ERROR' },
    }));
    const big = Buffer.from(JSON.stringify({ results, errors: [] }));
    await expect(pool.read(big)).rejects.toMatchObject({
      statusCode: 422,
      message:
        'Report took longer than the parse time limit of 0.001 s (dsomm.reports.parse.timeoutSeconds)',
    });
  });

  it('refuses reads once closed', async () => {
    pool = new ParsePool(limits);
    await pool.close();
    await expect(pool.read(Buffer.from('{}'))).rejects.toThrow(
      'The report parse pool is shut down',
    );
  });
});
