import { execFile } from 'child_process';
import path from 'path';
import { AddressInfo } from 'net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import os from 'os';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { dsommPlugin } from './plugin';
import { component, testCatalog, testConfig } from './__testUtils__/entities';

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

  it('exits 3 with a one-line reason when the component fails --fail-on, 0 when it passes, 2 on a bad rule', async () => {
    // Every level-1 activity declared: a component meets its target of 1 unless a finding
    // past its SLA contradicts the declared treatment of high findings.
    const level1 = getBuiltInModel()
      .activities.filter(a => a.level === 1)
      .map(a => a.key)
      .join(',');
    const declared = (name: string, tier: string) =>
      component(
        name,
        { owner: 'team-a' },
        { 'dsomm.owasp.org/tier': tier, 'dsomm.owasp.org/implemented': level1 },
      );
    const { server } = await startTestBackend({
      features: [
        dsommPlugin,
        mockServices.rootConfig.factory({
          data: {
            dsomm: {
              targets: {
                default: { level: 1 },
                tiers: { fast: { findingSlaDays: { high: 7 } } },
              },
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            declared('relaxed', 'standard'),
            declared('strict', 'fast'),
            component('bare', { owner: 'team-a' }),
          ],
        }),
      ],
    });
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    const base = ['--url', url, '--token', mockCredentials.service.token()];
    // The real Grype report (one High finding), as if scanned 15 days ago.
    const grype = JSON.parse(
      fs.readFileSync(
        path.join(fixtures, 'anchore_grype/fix_available.json'),
        'utf8',
      ),
    );
    grype.descriptor.timestamp = new Date(
      Date.now() - 15 * 24 * 60 * 60 * 1000,
    ).toISOString();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-gate-'));
    const report = path.join(dir, 'grype.json');
    fs.writeFileSync(report, JSON.stringify(grype));
    const oneLine = (text: string) => text.trimEnd().split('\n');

    try {
      // Standard tier: within the global 30-day SLA, and the target is met.
      const relaxed = await run([
        ...base,
        '--entity',
        'component:default/relaxed',
        '--fail-on',
        'sla-breach,below-target',
        report,
      ]);
      expect(relaxed.stderr).toBe('');
      expect(relaxed.code).toBe(0);
      expect(oneLine(relaxed.stdout)[1]).toBe(
        'gate passed for component:default/relaxed (sla-breach, below-target)',
      );

      // Fast tier: past its 7-day SLA.
      const strict = await run([
        ...base,
        '--entity',
        'component:default/strict',
        '--fail-on=sla-breach',
        report,
      ]);
      expect(strict.code).toBe(3);
      expect(strict.stdout).toMatch(/^stored report /);
      expect(oneLine(strict.stderr)).toEqual([
        expect.stringMatching(
          /^dsomm-upload: gate failed for component:default\/strict: sla-breach: 1 open finding\(s\) past their SLA \(tier fast\): 1 high over 7 days, e\.g\. \S+$/,
        ),
      ]);

      // No findings asked about; the bare component misses its target.
      const bare = await run([
        ...base,
        '--entity',
        'component:default/bare',
        '--fail-on',
        'sla-breach',
        '--fail-on',
        'below-target',
        report,
      ]);
      expect(bare.code).toBe(3);
      expect(oneLine(bare.stderr)).toEqual([
        expect.stringMatching(
          /^dsomm-upload: gate failed for component:default\/bare: below-target: below its target: .+ at level 0 of 1/,
        ),
      ]);
      const bareFindings = await run([
        ...base,
        '--entity',
        'component:default/bare',
        '--fail-on',
        'sla-breach',
        report,
      ]);
      expect(bareFindings.code).toBe(0);
      expect(bareFindings.stdout).toMatch(/^already stored report/);

      // A bad rule is a usage error, before anything is uploaded.
      const bad = await run([
        ...base,
        '--entity',
        'component:default/relaxed',
        '--fail-on',
        'sla-breach,coverage',
        report,
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(
        /^dsomm-upload: --fail-on: unknown rule "coverage"; expected sla-breach or below-target\n\nUsage: /,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
