/**
 * Benchmark (not a test): hostile uploads against a running portal, one attack class at a
 * time, each measured as a user of the portal would feel it. For each attack it prints the
 * answer (status and the start of the message), how long the answer took, the backend's peak
 * RSS while it ran, and the p95 and slowest `GET /api/dsomm/model` and catalog read sent every
 * 25 ms meanwhile from a separate process.
 *
 * Start the local portal first (`npm start`, or `npm start -w backend`), then run
 * `npm run bench:attacks -w @dsomm/plugin-dsomm-backend` with, if needed:
 * DSOMM_BASE_URL (default http://localhost:7007), DSOMM_UPLOAD_TOKEN (default the local
 * portal's static token), DSOMM_ENTITY (default component:default/auth-service) and
 * DSOMM_BACKEND_PID (default: the process listening on the base URL's port).
 */
import { execSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';

const BASE = process.env.DSOMM_BASE_URL ?? 'http://localhost:7007';
const TOKEN = process.env.DSOMM_UPLOAD_TOKEN ?? 'dsomm-local-dev-token';
const ENTITY = process.env.DSOMM_ENTITY ?? 'component:default/auth-service';
const MB = 1024 * 1024;

function backendPid(): number {
  if (process.env.DSOMM_BACKEND_PID)
    return Number(process.env.DSOMM_BACKEND_PID);
  const port = new URL(BASE).port || '80';
  const out = execSync(`ss -ltnpH 'sport = :${port}'`).toString();
  const pid = out.match(/pid=(\d+)/)?.[1];
  if (!pid) throw new Error(`No process listens on port ${port}`);
  return Number(pid);
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb / 1024;
}

async function guestToken(): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/guest/refresh?env=development`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body = (await res.json()) as {
    backstageIdentity?: { token?: string };
  };
  const token = body.backstageIdentity?.token;
  if (!token) throw new Error(`Guest sign-in failed: ${res.status}`);
  return token;
}

// ---- hostile bodies ---------------------------------------------------------------------

/** CycloneDX whose every vulnerability affects every component. */
function cyclonedxAmplifier(components: number, vulnerabilities: number) {
  const refs = Array.from({ length: components }, (_, i) => `pkg:npm/p${i}@1`);
  const affects = `[${refs.map(r => `{"ref":"${r}"}`).join(',')}]`;
  const comps = refs
    .map((r, i) => `{"bom-ref":"${r}","name":"p${i}","version":"1"}`)
    .join(',');
  const vulns = Array.from(
    { length: vulnerabilities },
    (_, i) =>
      `{"id":"CVE-2024-${
        10000 + i
      }","ratings":[{"severity":"high"}],"affects":${affects}}`,
  ).join(',');
  return Buffer.from(
    `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${comps}],"vulnerabilities":[${vulns}]}`,
  );
}

/** npm audit where each package is vulnerable only through the next one. */
function npmAuditChain(length: number) {
  const entries = Array.from({ length }, (_, i) => {
    const via =
      i === length - 1
        ? `[{"source":1,"title":"Prototype pollution","url":"https://github.com/advisories/GHSA-aaaa-bbbb-cccc","severity":"high"}]`
        : `["p${i + 1}"]`;
    return `"p${i}":{"name":"p${i}","severity":"high","via":${via},"effects":[],"range":"*","nodes":[]}`;
  });
  return Buffer.from(
    `{"auditReportVersion":2,"vulnerabilities":{${entries.join(
      ',',
    )}},"metadata":{"vulnerabilities":{"total":${length}}}}`,
  );
}

/** SARIF with many tool extensions and results that name rules by id only. */
function sarifExtensions(extensions: number, results: number) {
  const ext = Array.from(
    { length: extensions },
    (_, i) => `{"name":"e${i}","rules":[{"id":"R${i}"}]}`,
  ).join(',');
  const res = Array.from(
    { length: results },
    (_, i) =>
      `{"ruleId":"X${i % 1000}","level":"error","message":{"text":"m"}}`,
  ).join(',');
  return Buffer.from(
    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"},"extensions":[${ext}]},"results":[${res}]}]}`,
  );
}

const attacks: Array<{
  name: string;
  body: () => Buffer;
  query?: string;
  contentType?: string;
}> = [
  {
    name: 'CycloneDX affects amplification (13 MB)',
    body: () => cyclonedxAmplifier(600, 600),
  },
  {
    name: 'npm audit via chain, 10,000 packages',
    body: () => npmAuditChain(10_000),
  },
  {
    name: 'SARIF 10k extensions x 30k results',
    body: () => sarifExtensions(10_000, 30_000),
  },
  {
    name: '49 MB of "["',
    body: () => Buffer.alloc(49 * MB, '['),
  },
  {
    name: 'flat 49 MB XML',
    body: () =>
      Buffer.concat([
        Buffer.from('<OWASPZAPReport>'),
        Buffer.alloc(49 * MB - 40, '<a/>'),
        Buffer.from('</OWASPZAPReport>'),
      ]),
  },
  {
    name: 'SARIF with a 40 MB tool name',
    body: () =>
      Buffer.from(
        `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"${'n'.repeat(
          40 * MB,
        )}"}},"results":[]}]}`,
      ),
  },
  {
    name: 'gitleaks report scanned 9999-12-31 (forged)',
    body: () =>
      Buffer.from(
        `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"gitleaks","version":"8"}},"invocations":[{"startTimeUtc":"9999-12-31T00:00:00Z","executionSuccessful":true}],"results":[]}]}`,
      ),
  },
  {
    name: 'malformed JSON as application/json',
    body: () => Buffer.from('{"version": "2.1.0", "runs": [}'),
    contentType: 'application/json',
  },
  {
    name: 'source=javascript:',
    body: () => Buffer.from('{"version":"2.1.0","runs":[]}'),
    query: '&source=javascript:alert(1)',
  },
];

function request(
  options: http.RequestOptions,
  write: (req: http.ClientRequest) => void,
): Promise<{ status: number; text: string }> {
  return new Promise(resolve => {
    const req = http.request(options, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', e => resolve({ status: 0, text: String(e) }));
    });
    req.on('error', e => resolve({ status: 0, text: `error: ${e.message}` }));
    write(req);
  });
}

/** Streams `total` bytes of multipart body in chunks without a Content-Length. */
function chunkedMultipart(total: number) {
  const url = new URL(`${BASE}/api/dsomm/reports?entity=${ENTITY}`);
  const boundary = 'dsommbench';
  return request(
    {
      method: 'POST',
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'transfer-encoding': 'chunked',
      },
    },
    async req => {
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="report"; filename="r.json"\r\n\r\n`,
      );
      const chunk = Buffer.alloc(MB, ' ');
      let sent = 0;
      let open = true;
      req.on('close', () => {
        open = false;
      });
      while (open && sent < total) {
        if (!req.write(chunk)) {
          await new Promise(r => req.once('drain', r));
        }
        sent += chunk.length;
      }
      if (open) req.end(`\r\n--${boundary}--\r\n`);
    },
  );
}

/**
 * Polls `paths` every 25 ms from a child process until told to stop, then answers every
 * latency seen: measured in a process of its own, so that building and sending a hostile body
 * here does not count as the backend's slowness.
 */
const PROBE = `
const [base, token, ...paths] = process.argv.slice(1);
const seen = Object.fromEntries(paths.map(p => [p, []]));
let done = false;
process.stdin.on('data', () => { done = true; });
const get = path => fetch(base + path, { headers: { authorization: 'Bearer ' + token } })
  .then(r => r.arrayBuffer());
(async () => {
  // Warm up (connections, the first JSON) before anything counts.
  for (let i = 0; i < 3; i++) await Promise.all(paths.map(get));
  process.stdout.write('ready\\n');
  await Promise.all(paths.map(async path => {
    while (!done) {
      const started = performance.now();
      await get(path);
      seen[path].push(performance.now() - started);
      await new Promise(r => setTimeout(r, 25));
    }
  }));
  process.stdout.write(JSON.stringify(seen));
  process.exit(0);
})();
`;

const MODEL = '/api/dsomm/model';
const CATALOG = '/api/catalog/entities/by-query?limit=20';

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
  );
}

async function measure(
  pid: number,
  userToken: string,
  run: () => Promise<{ status: number; text: string }>,
) {
  let peak = rssMb(pid);
  const probe = spawn(
    process.execPath,
    ['-e', PROBE, BASE, userToken, MODEL, CATALOG],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  let ready: () => void;
  const isReady = new Promise<void>(resolve => (ready = resolve));
  probe.stdout.on('data', c => {
    out += c;
    if (out.startsWith('ready\n')) {
      out = out.slice('ready\n'.length);
      ready();
    }
  });
  const probed = new Promise<Record<string, number[]>>(resolve =>
    probe.on('exit', () => resolve(JSON.parse(out || '{}'))),
  );
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  await isReady;
  const started = performance.now();
  const answer = await run();
  const seconds = (performance.now() - started) / 1000;
  probe.stdin.end('stop');
  const latencies = await probed;
  clearInterval(sampler);
  const stats = (values: number[] = []) =>
    `${percentile(values, 0.95).toFixed(0)} / ${Math.max(0, ...values).toFixed(
      0,
    )}`;
  return {
    answer,
    seconds,
    peak,
    model: stats(latencies[MODEL]),
    catalog: stats(latencies[CATALOG]),
  };
}

/** The answer in a few words: the error message, or what was stored. */
function describe(answer: { status: number; text: string }) {
  try {
    const body = JSON.parse(answer.text);
    if (body.error?.message) return body.error.message as string;
    if (body.summary) {
      const warnings = body.warnings?.length
        ? `; warning: ${body.warnings[0]}`
        : '';
      return `stored, ${
        body.summary.totalFindings
      } findings, tool "${body.summary.tool.name.slice(0, 30)}"${warnings}`;
    }
  } catch {
    // not JSON: shown as it came
  }
  return answer.text;
}

async function main() {
  const pid = backendPid();
  const userToken = await guestToken();
  const url = new URL(`${BASE}/api/dsomm/reports`);
  console.log(`backend pid ${pid}, RSS at start ${rssMb(pid).toFixed(0)} MB`);
  console.log(
    '| attack | answer | time s | peak RSS MB | GET /model p95 / max ms | catalog read p95 / max ms |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  const row = (name: string, m: Awaited<ReturnType<typeof measure>>) => {
    const message = describe(m.answer).slice(0, 110).replace(/\|/g, '/');
    console.log(
      `| ${name} | ${m.answer.status} ${message} | ${m.seconds.toFixed(
        2,
      )} | ${m.peak.toFixed(0)} | ${m.model} | ${m.catalog} |`,
    );
  };
  row(
    'none (baseline: 2 s without an upload)',
    await measure(pid, userToken, async () => {
      await new Promise(r => setTimeout(r, 2000));
      return { status: 0, text: '-' };
    }),
  );
  for (const attack of attacks) {
    // Trailing whitespace unique to this run: a report already stored would not be parsed.
    const body = Buffer.concat([
      attack.body(),
      Buffer.from(' '.repeat(1 + (Date.now() % 4093))),
    ]);
    const m = await measure(pid, userToken, () =>
      request(
        {
          method: 'POST',
          hostname: url.hostname,
          port: url.port,
          path: `${url.pathname}?entity=${ENTITY}${attack.query ?? ''}`,
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': attack.contentType ?? 'application/octet-stream',
            'content-length': body.length,
          },
        },
        req => req.end(body),
      ),
    );
    row(`${attack.name}, ${(body.length / MB).toFixed(1)} MB`, m);
  }
  row(
    'multipart, 210 MB chunked',
    await measure(pid, userToken, () => chunkedMultipart(210 * MB)),
  );
  const concurrent = await measure(pid, userToken, async () => {
    const body = npmAuditChain(10_000);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${BASE}/api/dsomm/reports?entity=${ENTITY}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          body: Buffer.concat([
            body,
            // Distinct per upload and per run, so that each one is parsed.
            Buffer.from(' '.repeat(1 + i + 12 * (Date.now() % 997))),
          ]),
        }).then(r => r.status),
      ),
    );
    const counts = new Map<number, number>();
    for (const s of answers) counts.set(s, (counts.get(s) ?? 0) + 1);
    return {
      status: answers[0],
      text: [...counts].map(([s, n]) => `${n} x ${s}`).join(', '),
    };
  });
  row('12 concurrent npm audit chains', concurrent);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
