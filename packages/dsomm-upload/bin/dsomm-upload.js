#!/usr/bin/env node
// @ts-check
/* eslint-disable no-console */

/**
 * Uploads a scanner report to the DSOMM backend plugin from a CI pipeline.
 * Exit codes: 0 stored (or already stored), 1 rejected or unreachable, 2 wrong usage.
 */

const fs = require('fs');

const USAGE = `Usage: dsomm-upload --url <backstage backend url> --token <token>
                    --entity <kind:namespace/name> [--format <format>] [--source <url>] <report-file>

  --url      Base URL of the Backstage backend, e.g. https://backstage.example.com (env DSOMM_URL)
  --token    A static token from backend.auth.externalAccess, or a user token (env DSOMM_TOKEN)
  --entity   The catalog entity the report belongs to, e.g. component:default/payments-api
  --format   Skip format detection: sarif, cyclonedx, spdx, trivy, gitleaks, semgrep, checkov,
             zap, grype, npm-audit, osv-scanner, bandit,
             semgrep-supply-chain
  --source   Link to the pipeline run, shown with the evidence`;

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const options = {};
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true, options, files };
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
  return { help: false, options, files };
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
  const { options, files } = parsed;
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
  const target = `${String(url).replace(
    /\/+$/,
    '',
  )}/api/dsomm/reports?${query}`;

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
  return 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(`dsomm-upload: ${error.stack ?? error}`);
    process.exit(1);
  },
);
