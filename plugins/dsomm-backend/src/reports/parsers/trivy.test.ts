import { ReportParseError } from '../ReportParseError';
import { trivyParser } from './trivy';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

const FIXTURES = [
  'trivy/scheme_2_many_vulns.json',
  'trivy/misconfigurations_and_secrets.json',
  'trivy/kubernetes.json',
  'trivy/legacy_no_vuln.json',
];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

/*
 * Expected counts were counted from the fixtures with python3, independently of the parser:
 * for every result (schema 2: Results[]; Kubernetes: Vulnerabilities[].Results[] and
 * Misconfigurations[].Results[]), one per Vulnerabilities[] entry, one per
 * Misconfigurations[] entry with Status FAIL, one per Secrets[] entry, tallied by Severity.
 */
describe('trivyParser', () => {
  it('reads a schema 2 container image scan', () => {
    const summary = trivyParser.parse(
      fixture('trivy/scheme_2_many_vulns.json'),
    );
    // 3 OS vulnerabilities (MEDIUM, HIGH, CRITICAL) + 0 in HdrHistogram + 2 MEDIUM in
    // commons-compress = 5: critical 1, high 1, medium 3.
    expect(summary.counts).toEqual({
      ...zero,
      critical: 1,
      high: 1,
      medium: 3,
    });
    expect(summary.totalFindings).toBe(5);
    expect(summary.tool).toEqual({ name: 'Trivy' });
    expect(summary.format).toBe('trivy');
    expect(summary.syntax).toBe('json');
    expect(summary.categories).toEqual(['container', 'sca']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.targets).toEqual([
      'teamdojo:latest',
      'teamdojo:latest (alpine 3.9.4)',
      'app/libs/HdrHistogram-2.1.9.jar',
      'app/libs/commons-compress-1.14.jar',
    ]);
    expect(summary.topFindings.map(f => [f.severity, f.id])).toEqual([
      ['critical', 'CVE-2019-12900'],
      ['high', 'CVE-2020-28196'],
      ['medium', 'CVE-2020-15999'],
      ['medium', 'CVE-2018-11771'],
      ['medium', 'CVE-2018-1324'],
    ]);
    expect(summary.topFindings[0]).toEqual({
      id: 'CVE-2019-12900',
      title: expect.stringContaining('bzip2'),
      severity: 'critical',
      // The package's path as Trivy gives it (PkgPath), else the result's target.
      location: 'app/libs/libbz2-1.0.6-r6',
      package: 'libbz2@1.0.6-r6',
    });
    expect(summary.topFindings[3].package).toBe(
      'org.apache.commons:commons-compress@1.14',
    );
    expect(summary.findingKeys?.critical).toEqual([
      'CVE-2019-12900|libbz2@1.0.6-r6',
    ]);
  });

  it('reads vulnerabilities, misconfigurations and secrets of a filesystem scan', () => {
    const summary = trivyParser.parse(
      fixture('trivy/misconfigurations_and_secrets.json'),
    );
    // requirements.txt: urllib3 HIGH + MEDIUM; Dockerfile: DS002 HIGH (Status FAIL);
    // secrets: github-pat CRITICAL in Dockerfile and in secret.txt.
    // = 5: critical 2, high 2, medium 1.
    expect(summary.counts).toEqual({
      ...zero,
      critical: 2,
      high: 2,
      medium: 1,
    });
    expect(summary.totalFindings).toBe(5);
    expect(summary.categories).toEqual(['sca', 'iac', 'secrets']);
    expect(summary.tool).toEqual({ name: 'Trivy' });
    expect(summary.topFindings).toEqual([
      {
        id: 'github-pat',
        title: 'GitHub Personal Access Token',
        severity: 'critical',
        location: 'Dockerfile:24',
      },
      {
        id: 'github-pat',
        title: 'GitHub Personal Access Token',
        severity: 'critical',
        location: 'secret.txt:1',
      },
      {
        id: 'CVE-2021-33503',
        title: 'python-urllib3: ReDoS in the parsing of authority part of URL',
        severity: 'high',
        location: 'requirements.txt',
        package: 'urllib3@1.26.3',
      },
      {
        id: 'DS002',
        title: "Image user should not be 'root'",
        severity: 'high',
        location: 'Dockerfile',
      },
      expect.objectContaining({
        id: 'CVE-2021-28363',
        severity: 'medium',
        package: 'urllib3@1.26.3',
      }),
    ]);
    // The secret's text never reaches the summary.
    expect(JSON.stringify(summary)).not.toMatch(/\*\*\*\*|ghp_/);
  });

  it('reads a Kubernetes cluster report', () => {
    const summary = trivyParser.parse(fixture('trivy/kubernetes.json'));
    // Vulnerabilities: 2 deployments x (apt MEDIUM + 4 LOW) = 10;
    // Misconfigurations: 2 deployments x (KSV001 MEDIUM, KSV003 LOW, KSV011 LOW,
    // KSV012 MEDIUM, KSV014 LOW, all FAIL) = 10; the two services list none.
    // = 20: medium 6, low 14. (MisconfSummary says 8 failures per deployment, but the
    // fixture lists 5 each; the list is what we count.)
    expect(summary.counts).toEqual({ ...zero, medium: 6, low: 14 });
    expect(summary.totalFindings).toBe(20);
    expect(summary.categories).toEqual(['container', 'sca', 'iac']);
    expect(summary.targets).toEqual([
      'arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster',
      'gcr.io/google_samples/gb-redis-follower:v2 (debian 10.4)',
      'docker.io/redis:6.0.5 (debian 10.4)',
      'Deployment/redis-follower',
      'Deployment/redis-leader',
      'Service/redis-follower',
      'Service/redis-leader',
    ]);
    expect(summary.topFindings).toHaveLength(20);
    expect(
      summary.topFindings.slice(0, 6).map(f => [f.id, f.location]),
    ).toEqual([
      ['CVE-2020-27350', 'default/Deployment/redis-follower'],
      ['CVE-2020-27350', 'default/Deployment/redis-leader'],
      ['KSV001', 'default/Deployment/redis-follower:132'],
      ['KSV012', 'default/Deployment/redis-follower:132'],
      ['KSV001', 'default/Deployment/redis-leader:132'],
      ['KSV012', 'default/Deployment/redis-leader:132'],
    ]);
    expect(summary.topFindings.slice(6).every(f => f.severity === 'low')).toBe(
      true,
    );
  });

  it('reads the legacy format: null and a list of results', () => {
    // legacy_no_vuln.json is the text `null`: old Trivy's output with no results.
    const empty = trivyParser.parse(fixture('trivy/legacy_no_vuln.json'));
    expect(empty.totalFindings).toBe(0);
    expect(empty.counts).toEqual(zero);
    expect(empty.topFindings).toEqual([]);
    expect(empty.categories).toEqual(['sca']);

    const legacy = [
      {
        Target: 'alpine:3.10 (alpine 3.10.2)',
        Type: 'alpine',
        Vulnerabilities: [
          {
            VulnerabilityID: 'CVE-2019-1549',
            PkgName: 'openssl',
            InstalledVersion: '1.1.1c-r0',
            Severity: 'MEDIUM',
          },
        ],
      },
      { Target: 'app/package-lock.json', Type: 'npm', Vulnerabilities: null },
    ];
    expect(trivyParser.detect(legacy)).toBe(true);
    expect(detectedBy(legacy)).toEqual(['trivy']);
    const summary = trivyParser.parse(legacy);
    expect(summary.counts).toEqual({ ...zero, medium: 1 });
    expect(summary.categories).toEqual(['container', 'sca']);
    expect(summary.topFindings[0]).toMatchObject({
      id: 'CVE-2019-1549',
      package: 'openssl@1.1.1c-r0',
    });
  });

  it('takes the version and scan time when the report has them', () => {
    const summary = trivyParser.parse({
      SchemaVersion: 2,
      CreatedAt: '2024-05-01T10:00:00.123456+02:00',
      Trivy: { Version: '0.51.1' },
      ArtifactName: 'repo',
      ArtifactType: 'repository',
      Results: [
        {
          Target: 'main.tf',
          Class: 'config',
          Misconfigurations: [
            { ID: 'AVD-AWS-0086', Status: 'PASS', Severity: 'HIGH' },
            { ID: 'AVD-AWS-0087', Status: 'FAIL', Severity: 'HIGH' },
          ],
        },
      ],
    });
    expect(summary.tool).toEqual({ name: 'Trivy', version: '0.51.1' });
    expect(summary.scannedAt).toBe('2024-05-01T08:00:00.123Z');
    // Only configuration results: `trivy config`, not a dependency scan.
    expect(summary.categories).toEqual(['iac']);
    expect(summary.topFindings.map(f => f.id)).toEqual(['AVD-AWS-0087']);
  });

  it('claims dependency scanning only for a scan that lists packages', () => {
    // The real report's results, kept by class: what `trivy fs --scanners secret` and
    // `--scanners misconfig` of the same folder write.
    const doc = fixture('trivy/misconfigurations_and_secrets.json') as {
      Results: { Class: string }[];
    };
    const only = (...classes: string[]) =>
      trivyParser.parse({
        ...doc,
        Results: doc.Results.filter(r => classes.includes(r.Class)),
      });
    const secrets = only('secret');
    expect(secrets.categories).toEqual(['secrets']);
    expect(secrets.totalFindings).toBeGreaterThan(0);
    expect(only('config').categories).toEqual(['iac']);
    expect(only('config', 'secret').categories).toEqual(['iac', 'secrets']);
    expect(only('lang-pkgs', 'secret').categories).toEqual(['sca', 'secrets']);
    // A file-system scan that found nothing at all says nothing against a dependency scan.
    expect(only().categories).toEqual(['sca']);
  });

  it('reads the newer Kubernetes format with Resources', () => {
    const summary = trivyParser.parse({
      ClusterName: 'kind',
      Resources: [
        {
          Namespace: 'ns',
          Kind: 'Pod',
          Name: 'p',
          Results: [
            {
              Target: 'Pod/p',
              Class: 'config',
              Misconfigurations: [
                { ID: 'KSV001', Status: 'FAIL', Severity: 'LOW' },
              ],
            },
          ],
        },
      ],
    });
    expect(summary.counts.low).toBe(1);
    expect(summary.categories).toEqual(['iac']);
    expect(summary.topFindings[0].location).toBe('ns/Pod/p');
  });

  it('names the path of a bad shape', () => {
    const doc = fixture('trivy/scheme_2_many_vulns.json') as {
      Results: Record<string, unknown>[];
    };
    doc.Results[2].Vulnerabilities = { not: 'a list' };
    expect(() => trivyParser.parse(doc)).toThrow(
      new ReportParseError(
        'Results[2].Vulnerabilities: expected a list, got an object',
      ),
    );
    expect(() => trivyParser.parse({ SchemaVersion: 2, Results: 'x' })).toThrow(
      ReportParseError,
    );
    expect(() => trivyParser.parse({ foo: 1 })).toThrow(ReportParseError);
    expect(() => trivyParser.parse(42)).toThrow(ReportParseError);
    expect(() => trivyParser.parse([1])).toThrow(
      new ReportParseError('[0]: expected an object, got number 1'),
    );
  });

  it('detects its fixtures, and no other parser does', () => {
    expect(detectedBy(fixture('trivy/scheme_2_many_vulns.json'))).toEqual([
      'trivy',
    ]);
    expect(
      detectedBy(fixture('trivy/misconfigurations_and_secrets.json')),
    ).toEqual(['trivy']);
    expect(detectedBy(fixture('trivy/kubernetes.json'))).toEqual(['trivy']);
    // legacy_no_vuln.json is `null`, byte for byte what gitleaks writes without leaks
    // (gitleaks/no_findings.json). Nothing in it names Trivy, so Trivy does not claim it;
    // gitleaks, asked last, does. Declare the format on upload to have it read as Trivy.
    expect(detectedBy(fixture('trivy/legacy_no_vuln.json'))).toEqual([
      'gitleaks',
    ]);
    expect(trivyParser.detect([])).toBe(false);
    expect(trivyParser.detect({ version: '2.1.0', runs: [] })).toBe(false);
    expect(trivyParser.detect({ bomFormat: 'CycloneDX' })).toBe(false);
  });
});

describe(`${trivyParser.format}: robustness`, () => {
  const checks = robustnessChecks(trivyParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
