#!/usr/bin/env node
// @ts-check
/* eslint-disable no-console */

/**
 * Uploads a scanner report to the DSOMM backend plugin from a CI pipeline.
 * With --fail-on, it then asks the backend's gate whether the component passes.
 * Exit codes: 0 stored (or already stored) and the gate passed, 1 rejected or unreachable,
 * 2 wrong usage, 3 stored but the gate failed.
 */

const fs = require('fs');

const USAGE = `Usage: dsomm-upload --url <backstage backend url> --token <token>
                    --entity <kind:namespace/name> [--format <format>] [--source <url>]
                    [--fail-on sla-breach|below-target] <report-file>

  --url      Base URL of the Backstage backend, e.g. https://backstage.example.com (env DSOMM_URL)
  --token    A static token from backend.auth.externalAccess, or a user token (env DSOMM_TOKEN)
  --entity   The catalog entity the report belongs to, e.g. component:default/payments-api
  --format   Skip format detection: sarif, cyclonedx, spdx, trivy, gitleaks, semgrep, checkov,
             zap, grype, npm-audit, osv-scanner, bandit,
             semgrep-supply-chain
  --source   Link to the pipeline run, shown with the evidence
  --fail-on  After the upload, exit 3 with a one-line reason if the component fails a rule,
             sla-breach (an open finding past its tier's SLA) or below-target (target not
             met); repeatable or comma-separated`;

const GATE_RULES = ['sla-breach', 'below-target'];

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const options = {};
  /** @type {string[]} */
  const failOn = [];
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      return { help: true, options, failOn, files };
    }
    const rules = /^--fail-on(?:=(.*))?$/.exec(arg);
    if (rules) {
      const value = rules[1] ?? argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      for (const rule of value.split(',').map(r => r.trim())) {
        if (!GATE_RULES.includes(rule)) {
          throw new Error(
            `--fail-on: unknown rule "${rule}"; expected ${GATE_RULES.join(
              ' or ',
            )}`,
          );
        }
        if (!failOn.includes(rule)) failOn.push(rule);
      }
      continue;
    }
    const match = /^--(url|token|entity|format|source)(?:=(.*))?$/.exec(arg);
    if (match) {
      const value = match[2] ?? argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      options[match[1]] = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  return { help: false, options, failOn, files };
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`dsomm-upload: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const { options, failOn, files } = parsed;
  const url = options.url ?? process.env.DSOMM_URL;
  const token = options.token ?? process.env.DSOMM_TOKEN;
  const missing = [
    !url && '--url',
    !token && '--token',
    !options.entity && '--entity',
    files.length !== 1 && 'one report file',
  ].filter(Boolean);
  if (missing.length > 0) {
    console.error(`dsomm-upload: missing ${missing.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  let body;
  try {
    body = fs.readFileSync(files[0]);
  } catch (error) {
    console.error(`dsomm-upload: cannot read ${files[0]}: ${error.message}`);
    return 1;
  }
  const query = new URLSearchParams({ entity: options.entity });
  if (options.format) query.set('format', options.format);
  if (options.source) query.set('source', options.source);
  const api = `${String(url).replace(/\/+$/, '')}/api/dsomm`;
  const target = `${api}/reports?${query}`;

  let res;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
      },
      body,
    });
  } catch (error) {
    console.error(`dsomm-upload: cannot reach ${target}: ${error.message}`);
    return 1;
  }
  const text = await res.text();
  /** @type {any} */
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const message = json?.error?.message ?? text.slice(0, 500);
    console.error(`dsomm-upload: rejected (${res.status}): ${message}`);
    return 1;
  }
  const s = json.summary;
  console.log(
    `${res.status === 201 ? 'stored' : 'already stored'} report ${
      json.id
    } for ${json.entityRef}: ` +
      `${s.tool.name}${s.tool.version ? ` ${s.tool.version}` : ''} (${
        s.format
      }; ${s.categories.join(', ')}), ` +
      `${s.totalFindings} finding(s) [critical ${s.counts.critical}, high ${s.counts.high}, medium ${s.counts.medium}], ` +
      `evidence for ${json.activityIds.length} activit${
        json.activityIds.length === 1 ? 'y' : 'ies'
      }`,
  );
  return failOn.length > 0
    ? gate(api, String(token), json.entityRef, failOn)
    : 0;
}

/**
 * Asks the backend whether the component passes the rules; prints one line either way.
 * @param {string} api
 * @param {string} token
 * @param {string} entityRef  as the backend answered it: kind:namespace/name
 * @param {string[]} failOn
 */
async function gate(api, token, entityRef, failOn) {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  if (!match) {
    console.error(`dsomm-upload: gate: unexpected entity ref ${entityRef}`);
    return 1;
  }
  const [kind, namespace, name] = match.slice(1).map(encodeURIComponent);
  const target = `${api}/entities/${kind}/${namespace}/${name}/gate?failOn=${failOn.join(
    ',',
  )}`;
  let res;
  try {
    res = await fetch(target, {
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    console.error(`dsomm-upload: cannot reach ${target}: ${error.message}`);
    return 1;
  }
  const text = await res.text();
  /** @type {any} */
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok || typeof json?.pass !== 'boolean') {
    const message = json?.error?.message ?? text.slice(0, 500);
    console.error(
      `dsomm-upload: gate check failed (${res.status}): ${message}`,
    );
    return 1;
  }
  if (json.pass) {
    console.log(`gate passed for ${entityRef} (${failOn.join(', ')})`);
    return 0;
  }
  const reasons = json.failures
    .map(
      (/** @type {{ rule: string, reason: string }} */ f) =>
        `${f.rule}: ${f.reason}`,
    )
    .join('; ');
  console.error(`dsomm-upload: gate failed for ${entityRef}: ${reasons}`);
  return 3;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(`dsomm-upload: ${error.stack ?? error}`);
    process.exit(1);
  },
);
