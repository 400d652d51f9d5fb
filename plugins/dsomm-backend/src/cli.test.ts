import { execFile } from 'child_process';
import path from 'path';
import { AddressInfo } from 'net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { dsommPlugin } from './plugin';
import { testCatalog, testConfig } from './__testUtils__/entities';

jest.setTimeout(60_000);

// The uploader is its own dependency-free package; run it from there as a pipeline would.
const bin = path.join(
  path.dirname(require.resolve('@dsomm/dsomm-upload/package.json')),
  'bin/dsomm-upload.js',
);
const fixtures = path.resolve(__dirname, 'reports/__fixtures__');

function run(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('dsomm-upload', () => {
  it('uploads a report, reports a duplicate, and fails on rejection or bad usage', async () => {
    const { server } = await startTestBackend({
      features: [
        dsommPlugin,
        mockServices.rootConfig.factory({ data: testConfig }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: testCatalog() }),
      ],
    });
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    const token = mockCredentials.service.token();
    const report = path.join(fixtures, 'semgrep/many_vulns.json');
    const base = ['--url', url, '--token', token];

    const stored = await run([
      ...base,
      '--entity',
      'component:default/alpha',
      report,
    ]);
    expect(stored.stderr).toBe('');
    expect(stored.code).toBe(0);
    expect(stored.stdout).toMatch(
      /^stored report [0-9a-f-]{36} for component:default\/alpha: Semgrep .*\(semgrep; sast\), \d+ finding\(s\)/,
    );

    const again = await run([
      ...base,
      '--entity=component:default/alpha',
      report,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already stored report/);

    const unknown = await run([
      ...base,
      '--entity',
      'component:default/nope',
      report,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'rejected (404): Entity component:default/nope is not in the catalog',
    );

    const wrongToken = await run([
      '--url',
      url,
      '--token',
      'not-a-token',
      '--entity',
      'component:default/alpha',
      report,
    ]);
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain('rejected (401)');

    const usage = await run(['--url', url, report]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing --token, --entity');
  });
});
