/**
 * Benchmark (not a test): hostile uploads against a running portal, one attack class at a
 * time, each measured as a user of the portal would feel it. For each attack it prints the
 * answer (status and the start of the message), how long the answer took, the backend's peak
 * RSS while it ran, and the slowest `GET /api/dsomm/model` and catalog read sent every 25 ms
 * meanwhile.
 *
 * Start the local portal first (`npm start`, or `npm start -w backend`), then run
 * `npm run bench:attacks -w @dsomm/plugin-dsomm-backend` with, if needed:
 * DSOMM_BASE_URL (default http://localhost:7007), DSOMM_UPLOAD_TOKEN (default the local
 * portal's static token), DSOMM_ENTITY (default component:default/auth-service) and
 * DSOMM_BACKEND_PID (default: the process listening on the base URL's port).
 */
import { execSync } from 'child_process';
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

async function measure(
  pid: number,
  userToken: string,
  run: () => Promise<{ status: number; text: string }>,
) {
  let peak = rssMb(pid);
  let worstModel = 0;
  let worstCatalog = 0;
  let done = false;
  const probe = async (path: string, record: (ms: number) => void) => {
    while (!done) {
      const started = performance.now();
      await fetch(`${BASE}${path}`, {
        headers: { authorization: `Bearer ${userToken}` },
      }).then(r => r.arrayBuffer());
      record(performance.now() - started);
      await new Promise(r => setTimeout(r, 25));
    }
  };
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  const probes = [
    probe('/api/dsomm/model', ms => (worstModel = Math.max(worstModel, ms))),
    probe(
      '/api/catalog/entities/by-query?limit=20',
      ms => (worstCatalog = Math.max(worstCatalog, ms)),
    ),
  ];
  const started = performance.now();
  const answer = await run();
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await Promise.all(probes);
  clearInterval(sampler);
  return { answer, seconds, peak, worstModel, worstCatalog };
}

async function main() {
  const pid = backendPid();
  const userToken = await guestToken();
  const url = new URL(`${BASE}/api/dsomm/reports`);
  console.log(`backend pid ${pid}, RSS at start ${rssMb(pid).toFixed(0)} MB`);
  console.log(
    '| attack | answer | time s | peak RSS MB | worst GET /model ms | worst catalog read ms |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  const row = (name: string, m: Awaited<ReturnType<typeof measure>>) => {
    let message = m.answer.text;
    try {
      message = JSON.parse(m.answer.text).error?.message ?? message;
    } catch {
      // not JSON: shown as it came
    }
    console.log(
      `| ${name} | ${m.answer.status} ${message
        .slice(0, 90)
        .replace(/\|/g, '/')} | ${m.seconds.toFixed(2)} | ${m.peak.toFixed(
        0,
      )} | ${m.worstModel.toFixed(0)} | ${m.worstCatalog.toFixed(0)} |`,
    );
  };
  for (const attack of attacks) {
    const body = attack.body();
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
      Array.from({ length: 12 }, () =>
        fetch(`${BASE}/api/dsomm/reports?entity=${ENTITY}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          body: Buffer.concat([
            body,
            Buffer.from(' '.repeat(Math.random() * 100)),
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
