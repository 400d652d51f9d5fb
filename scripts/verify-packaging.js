#!/usr/bin/env node
/* eslint-disable no-console */
// The packaging check (`npm run verify:packaging`): builds and packs every publishable package,
// installs the tarballs into a fresh minimal Backstage app outside this workspace, type-checks
// that app, starts its backend, and uploads one scanner report through the packed uploader.
// It stops at the first failure with a message saying what failed.
//
// Options: --skip-build (reuse dist/ from an earlier build), --keep (leave the host app on
// disk). DSOMM_VERIFY_DIR puts the host app in a given (empty or absent) directory instead of
// a fresh temporary one.

const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const templateDir = path.join(__dirname, 'verify-packaging', 'app');
const fixture = path.join(
  root,
  'plugins/dsomm-backend/src/reports/__fixtures__/semgrep/many_vulns.json',
);
const COMPONENT = 'component:default/packaged-service';
const MODEL_ACTIVITIES = 194;

/** Publishable packages, in dependency order; `build` ones go through backstage-cli. */
const PACKAGES = [
  { dir: 'plugins/dsomm-common', build: true },
  { dir: 'plugins/dsomm-backend', build: true },
  { dir: 'plugins/dsomm', build: true },
  { dir: 'packages/dsomm-upload', build: false },
];

/**
 * Host app dependencies per workspace, pinned to this workspace's lock so npm reuses its cache.
 * The tarballs go where the README's "Installing from tarballs" puts them.
 */
const HOST_WORKSPACES = {
  backend: {
    registry: [
      '@backstage/backend-defaults',
      '@backstage/plugin-auth-backend',
      '@backstage/plugin-auth-backend-module-guest-provider',
      '@backstage/plugin-catalog-backend',
      'better-sqlite3',
    ],
    tarballs: ['@dsomm/plugin-dsomm-common', '@dsomm/plugin-dsomm-backend'],
  },
  app: {
    registry: [
      '@backstage/frontend-defaults',
      '@backstage/ui',
      'react',
      'react-dom',
      'react-router-dom',
    ],
    tarballs: ['@dsomm/plugin-dsomm-common', '@dsomm/plugin-dsomm'],
  },
};
const HOST_ROOT_DEV_DEPENDENCIES = [
  'typescript',
  '@types/react',
  '@types/react-dom',
  '@types/node',
];

const args = new Set(process.argv.slice(2));
const timings = [];
const cleanups = [];

class CheckFailure extends Error {}

function fail(message) {
  throw new CheckFailure(message);
}

async function phase(name, fn) {
  console.log(`\n== ${name}`);
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings.push({ name, seconds: (Date.now() - start) / 1000 });
  }
}

/** Runs a command to completion; on a non-zero exit, prints its output's tail and fails. */
function run(command, commandArgs, { cwd = root, env, what } = {}) {
  const result = spawnSync(command, commandArgs, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0) {
    const tail = output.trim().split('\n').slice(-60).join('\n');
    fail(
      `${what ?? `${command} ${commandArgs.join(' ')}`} failed in ${cwd} ` +
        `(${
          result.error ? result.error.message : `exit ${result.status}`
        }):\n${tail}`,
    );
  }
  return result.stdout;
}

/** `run` without blocking: the check overlaps independent steps (see main). */
function runAsync(command, commandArgs, { cwd = root, env, what } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', chunk => {
      output += chunk;
    });
    child.on('error', error =>
      reject(new CheckFailure(`${what ?? command} failed: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      const tail = output.trim().split('\n').slice(-60).join('\n');
      return reject(
        new CheckFailure(
          `${what ?? `${command} ${commandArgs.join(' ')}`} failed in ${cwd} ` +
            `(${signal ?? `exit ${code}`}):\n${tail}`,
        ),
      );
    });
  });
}

function lockedVersion(lock, name) {
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry?.version) fail(`package-lock.json has no version of ${name}`);
  return entry.version;
}

function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

// ---------------------------------------------------------------------------------------------

async function build() {
  // package build bundles declarations from dist-types/, which tsc emits for the whole repo.
  run('npx', ['tsc', '-p', '.'], {
    what: 'tsc (declarations into dist-types/)',
  });
  // Each package build reads only its own sources and dist-types/ (the other packages are
  // external to its bundle), so they run side by side, as `backstage-cli repo build` does.
  await Promise.all(
    PACKAGES.filter(p => p.build).map(pkg =>
      runAsync('npx', ['backstage-cli', 'package', 'build'], {
        cwd: path.join(root, pkg.dir),
        what: `backstage-cli package build of ${pkg.dir}`,
      }),
    ),
  );
}

/** prepack rewrites package.json in place; put it back if npm pack died before postpack. */
function restorePackageJson(dir) {
  if (fs.existsSync(path.join(dir, 'package.json-prepack'))) {
    spawnSync('npx', ['backstage-cli', 'package', 'postpack'], { cwd: dir });
  }
}

/** Packs the packages side by side: each npm pack works in its own package's folder. */
async function pack(tarballDir) {
  return Promise.all(
    PACKAGES.map(async pkg => {
      const dir = path.join(root, pkg.dir);
      if (pkg.build && !fs.existsSync(path.join(dir, 'dist'))) {
        fail(`${pkg.dir}/dist is missing: run without --skip-build`);
      }
      let stdout;
      try {
        stdout = await runAsync(
          'npm',
          [
            'pack',
            '--json',
            '--pack-destination',
            tarballDir,
            '--loglevel=error',
          ],
          { cwd: dir, what: `npm pack in ${pkg.dir}` },
        );
      } finally {
        restorePackageJson(dir);
      }
      // Lifecycle scripts may print before npm's JSON; the JSON array is the output's end.
      const info = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1 || 0))[0];
      console.log(`${info.filename}: ${formatBytes(info.size)}`);
      return {
        name: info.name,
        version: info.version,
        tarball: path.join(tarballDir, info.filename),
        size: info.size,
        unpackedSize: info.unpackedSize,
        files: info.files.map(f => ({ path: f.path, size: f.size })),
      };
    }),
  );
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Where npm's resolution finds `name` from the package at `from` in a v3 lock, if anywhere. */
function resolveInLock(lock, from, name) {
  let base = from;
  for (;;) {
    const location = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[location]) return location;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/** The packages the host app installs from the registry, and the tarballs' own dependencies. */
function hostRegistryNames(devDependencies) {
  const names = new Set(Object.keys(devDependencies));
  for (const deps of Object.values(HOST_WORKSPACES)) {
    deps.registry.forEach(name => names.add(name));
  }
  for (const pkg of PACKAGES) {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(root, pkg.dir, 'package.json'), 'utf8'),
    );
    for (const field of ['dependencies', 'peerDependencies']) {
      Object.keys(manifest[field] ?? {}).forEach(name => names.add(name));
    }
  }
  return [...names].filter(name => !name.startsWith('@dsomm/'));
}

/**
 * The host's package-lock.json: every entry of this workspace's lock reachable from the host's
 * registry dependencies, at the same locations. npm adds the host's own root, workspace and
 * tarball entries.
 */
function hostLock(lock, devDependencies) {
  const packages = {};
  const queue = [];
  const visit = location => {
    if (!location || packages[location]) return;
    const entry = lock.packages[location];
    if (entry.link) return;
    const copy = { ...entry };
    // Dev-ness in the workspace says nothing about the host; npm recomputes these flags.
    delete copy.dev;
    delete copy.devOptional;
    delete copy.peer;
    packages[location] = copy;
    queue.push(location);
  };
  for (const name of hostRegistryNames(devDependencies)) {
    const location = resolveInLock(lock, '', name);
    if (!location) fail(`package-lock.json has no entry for ${name}`);
    visit(location);
  }
  while (queue.length > 0) {
    const location = queue.shift();
    const entry = lock.packages[location];
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter(
        name => !optionalPeers[name]?.optional,
      ),
    ];
    // Optional dependencies for other platforms are not in the lock; they stay out.
    names.forEach(name => visit(resolveInLock(lock, location, name)));
  }
  return {
    name: 'dsomm-packaging-host',
    version: '0.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { ...packages },
  };
}

/**
 * The host app's package.json files. Without `packed`, only the registry dependencies: that
 * install runs while this workspace builds. With it, the tarballs are added too.
 */
function writeManifests(hostDir, lock, packed) {
  const tarballOf = name => {
    const pkg = packed.find(p => p.name === name);
    if (!pkg) fail(`no tarball was packed for ${name}`);
    return pkg.tarball;
  };
  for (const [workspace, deps] of Object.entries(HOST_WORKSPACES)) {
    const dir = path.join(hostDir, 'packages', workspace);
    const dependencies = {};
    for (const name of deps.registry) {
      dependencies[name] = lockedVersion(lock, name);
    }
    // The sibling common package is not on a registry: it is a direct tarball dependency too.
    for (const name of packed ? deps.tarballs : []) {
      dependencies[name] = `file:${path.relative(dir, tarballOf(name))}`;
    }
    writeJson(path.join(dir, 'package.json'), {
      name: workspace,
      version: '0.0.0',
      private: true,
      dependencies,
    });
  }
  const devDependencies = {};
  for (const name of HOST_ROOT_DEV_DEPENDENCIES) {
    devDependencies[name] = lockedVersion(lock, name);
  }
  if (packed) {
    // The uploader, as a pipeline would install it.
    devDependencies['@dsomm/dsomm-upload'] = `file:${path.relative(
      hostDir,
      tarballOf('@dsomm/dsomm-upload'),
    )}`;
  }
  writeJson(path.join(hostDir, 'package.json'), {
    name: 'dsomm-packaging-host',
    version: '0.0.0',
    private: true,
    workspaces: ['packages/*'],
    devDependencies,
    // MUI 4 peers React 17; without these npm installs a second React (see the root README).
    overrides: {
      react: '$react',
      'react-dom': '$react-dom',
      '@types/react': '$@types/react',
      '@types/react-dom': '$@types/react-dom',
    },
  });
  return devDependencies;
}

/** Writes the host app (an npm workspace with a backend and an app package) but no tarballs. */
function createHostApp(hostDir, lock, port, uploadToken) {
  fs.cpSync(templateDir, hostDir, { recursive: true });
  const devDependencies = writeManifests(hostDir, lock);
  // The host's lock is this workspace's lock cut down to what the host needs: npm keeps the
  // versions already resolved and tested here (all in its cache) and resolves only the
  // tarballs. The whole lock would make npm install the workspace's dev tools too.
  writeJson(
    path.join(hostDir, 'package-lock.json'),
    hostLock(lock, devDependencies),
  );
  // JSON is YAML: written from an object, nothing needs quoting by hand.
  writeJson(path.join(hostDir, 'app-config.yaml'), {
    app: { baseUrl: 'http://localhost:3000', title: 'DSOMM packaging check' },
    organization: { name: 'Packaging check' },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: uploadToken, subject: 'packaging-check-ci' },
            accessRestrictions: [
              { plugin: 'dsomm', permission: 'dsomm.report.create' },
            ],
          },
        ],
      },
    },
    auth: { environment: 'development', providers: { guest: {} } },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'System', 'Location'] }],
      locations: [{ type: 'file', target: path.join(hostDir, 'catalog.yaml') }],
    },
  });
}

/**
 * The install runs with --ignore-scripts: of everything the host installs, only better-sqlite3
 * needs its install script (a native build, minutes when compiled from source). When this
 * workspace holds a working build of the same version for this Node, that binary is copied in;
 * otherwise npm rebuilds it in the host.
 */
function provideBetterSqlite3(hostDir) {
  const installedIn = dir =>
    JSON.parse(
      fs.readFileSync(
        path.join(dir, 'node_modules/better-sqlite3/package.json'),
        'utf8',
      ),
    ).version;
  const binary =
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  const loadsHere =
    fs.existsSync(path.join(root, binary)) &&
    spawnSync(
      process.execPath,
      ['-e', "new (require('better-sqlite3'))(':memory:').close()"],
      { cwd: root },
    ).status === 0;
  if (loadsHere && installedIn(root) === installedIn(hostDir)) {
    fs.mkdirSync(path.dirname(path.join(hostDir, binary)), { recursive: true });
    fs.copyFileSync(path.join(root, binary), path.join(hostDir, binary));
    console.log(
      `better-sqlite3 ${installedIn(hostDir)}: build copied from the workspace`,
    );
  } else {
    console.log(
      'better-sqlite3: no matching build in the workspace, npm rebuilds it',
    );
    run('npm', ['rebuild', 'better-sqlite3', '--loglevel=error'], {
      cwd: hostDir,
      what: 'npm rebuild better-sqlite3 in the host app',
    });
  }
}

/** Every entry point the installed package.json names must be a file in the tarball. */
function checkEntryPoints(hostDir, packed) {
  const problems = [];
  for (const pkg of packed) {
    // npm hoists to the root unless versions clash; then the copy sits in a workspace.
    const dir = [
      hostDir,
      ...Object.keys(HOST_WORKSPACES).map(w =>
        path.join(hostDir, 'packages', w),
      ),
    ]
      .map(d => path.join(d, 'node_modules', pkg.name))
      .find(d => fs.existsSync(path.join(d, 'package.json')));
    if (!dir) fail(`${pkg.name} is not installed in the host app`);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    );
    const targets = [];
    for (const key of ['main', 'module', 'types']) {
      if (manifest[key]) targets.push([key, manifest[key]]);
    }
    const walk = (value, where) => {
      if (typeof value === 'string') targets.push([where, value]);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          // The `backstage` condition names the feature type, not a file.
          if (k !== 'backstage') walk(v, `${where}.${k}`);
        }
      }
    };
    walk(manifest.exports, 'exports');
    walk(manifest.bin, 'bin');
    for (const [where, target] of targets) {
      if (/^(\.\/)?src\//.test(target)) {
        problems.push(`${pkg.name}: ${where} points at sources (${target})`);
      } else if (!fs.existsSync(path.join(dir, target))) {
        problems.push(
          `${pkg.name}: ${where} -> ${target} is not in the tarball`,
        );
      }
    }
  }
  if (problems.length > 0) {
    fail(`packed entry points are broken:\n  ${problems.join('\n  ')}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` returns a value; the backend's exit or its log ends the wait early. */
async function waitFor(description, check, backend, timeoutMs = 180000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (backend.exited) {
      fail(
        `the host backend exited (${backend.exited}) while waiting for ${description}; ` +
          `its log:\n${backend.tail()}`,
      );
    }
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) {
      fail(
        `timed out waiting for ${description}${
          last ? ` (last: ${last})` : ''
        }; ` + `backend log:\n${backend.tail()}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function startBackend(hostDir) {
  const logPath = path.join(hostDir, 'backend.log');
  const log = fs.openSync(logPath, 'w');
  const child = spawn(
    process.execPath,
    ['packages/backend/dist/index.js', '--config', 'app-config.yaml'],
    {
      cwd: hostDir,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['ignore', log, log],
    },
  );
  const backend = {
    child,
    exited: undefined,
    tail: () =>
      fs.readFileSync(logPath, 'utf8').trim().split('\n').slice(-40).join('\n'),
    stop: () =>
      new Promise(resolve => {
        if (backend.exited) return resolve();
        // A backend that ignores SIGTERM for 15 s is killed, so the check never hangs here.
        const force = setTimeout(() => child.kill('SIGKILL'), 15000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  child.on('exit', (code, signal) => {
    backend.exited = signal ?? `exit ${code}`;
  });
  cleanups.push(() => backend.stop());
  return backend;
}

async function getJson(url, token) {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function exercise(hostDir, port, uploadToken) {
  const base = `http://127.0.0.1:${port}`;
  const backend = startBackend(hostDir);

  const token = await waitFor(
    'a guest token from /api/auth/guest/refresh',
    async () => {
      const response = await fetch(`${base}/api/auth/guest/refresh`, {
        method: 'POST',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()).backstageIdentity.token;
    },
    backend,
  );

  const model = await waitFor(
    '/api/dsomm/model',
    async () => {
      const { status, body } = await getJson(`${base}/api/dsomm/model`, token);
      if (status !== 200) throw new Error(`HTTP ${status}`);
      return body;
    },
    backend,
  );
  const activities = Array.isArray(model.activities)
    ? model.activities.length
    : Object.keys(model.activities ?? {}).length;
  if (activities !== MODEL_ACTIVITIES) {
    fail(
      `/api/dsomm/model answered ${activities} activities, not ${MODEL_ACTIVITIES}`,
    );
  }
  console.log(`/api/dsomm/model: 200, ${activities} activities`);

  const [kind, rest] = COMPONENT.split(':');
  const [namespace, name] = rest.split('/');
  await waitFor(
    `${COMPONENT} in the catalog`,
    async () => {
      const { status } = await getJson(
        `${base}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
        token,
      );
      if (status !== 200) throw new Error(`HTTP ${status}`);
      return true;
    },
    backend,
  );

  // The uploader as a pipeline runs it: the installed tarball's bin, a restricted static token.
  const uploadOutput = run(
    'npx',
    [
      '--prefix',
      hostDir,
      'dsomm-upload',
      '--url',
      base,
      '--token',
      uploadToken,
      '--entity',
      COMPONENT,
      '--source',
      'https://ci.example.com/packaging-check',
      fixture,
    ],
    { cwd: hostDir, what: 'dsomm-upload from the packed @dsomm/dsomm-upload' },
  );
  console.log(`dsomm-upload: ${uploadOutput.trim()}`);

  // Read through waitFor: if the backend died after the upload, the failure shows its log.
  const { status, body } = await waitFor(
    'GET .../reports',
    () =>
      getJson(
        `${base}/api/dsomm/entities/${kind}/${namespace}/${name}/reports`,
        token,
      ),
    backend,
  );
  const reports = body?.reports;
  if (status !== 200 || !Array.isArray(reports)) {
    fail(`GET .../reports answered ${status}: ${JSON.stringify(body)}`);
  }
  // The stored report is the fixture, byte for byte, parsed as Semgrep.
  const sha256 = crypto
    .createHash('sha256')
    .update(fs.readFileSync(fixture))
    .digest('hex');
  const stored = reports.find(r => r.sha256 === sha256);
  if (!stored || stored.summary?.format !== 'semgrep') {
    const seen = reports.map(r => `${r.id} ${r.summary?.format} ${r.sha256}`);
    fail(
      `the uploaded report (sha256 ${sha256}) is not stored as semgrep; ` +
        `reports: ${seen.join(', ') || 'none'}`,
    );
  }
  console.log(
    `stored: report ${stored.id}, ${stored.summary.format}, ` +
      `${stored.summary.totalFindings} findings, uploaded by ${stored.uploadedBy}`,
  );
  await backend.stop();
}

function printContents(packed) {
  console.log('\n== tarball contents');
  for (const pkg of packed) {
    console.log(
      `\n${pkg.name}@${pkg.version}: ${path.basename(pkg.tarball)}, ` +
        `${formatBytes(pkg.size)} packed, ${formatBytes(
          pkg.unpackedSize,
        )} unpacked, ` +
        `${pkg.files.length} files`,
    );
    // Top-level files one by one; folders as a count and a total, so dist/ stays one line.
    const groups = new Map();
    for (const file of pkg.files) {
      const parts = file.path.split('/');
      const key = parts.length > 2 ? `${parts[0]}/${parts[1]}/` : file.path;
      const group = groups.get(key) ?? { count: 0, size: 0 };
      group.count += 1;
      group.size += file.size;
      groups.set(key, group);
    }
    for (const [key, group] of [...groups].sort()) {
      const count = group.count > 1 ? ` (${group.count} files)` : '';
      console.log(`  ${formatBytes(group.size).padStart(10)}  ${key}${count}`);
    }
  }
}

const started = Date.now();

/** Printed on success and on failure, so a slow phase shows either way. */
function printTimings() {
  console.log('\n== timings');
  for (const { name, seconds } of timings) {
    console.log(`  ${seconds.toFixed(1).padStart(7)} s  ${name}`);
  }
  console.log(
    `  ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  total`,
  );
}

async function main() {
  const hostDir = process.env.DSOMM_VERIFY_DIR
    ? path.resolve(process.env.DSOMM_VERIFY_DIR)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-packaging-'));
  if (!path.relative(root, hostDir).startsWith('..')) {
    fail(`the host app must be outside the workspace, not in ${hostDir}`);
  }
  fs.mkdirSync(hostDir, { recursive: true });
  if (fs.readdirSync(hostDir).length > 0) fail(`${hostDir} is not empty`);
  if (!args.has('--keep')) {
    cleanups.push(() => fs.rmSync(hostDir, { recursive: true, force: true }));
  }
  console.log(`host app: ${hostDir}`);

  const lock = JSON.parse(
    fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'),
  );
  const port = await freePort();
  const uploadToken = crypto.randomBytes(24).toString('hex');
  createHostApp(hostDir, lock, port, uploadToken);
  const npmInstall = what =>
    runAsync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { cwd: hostDir, what },
    );
  // The registry dependencies install while this workspace builds and packs; on a loaded
  // machine the two together also get more CPU time than one after the other.
  const registryInstall = phase(
    'install the registry dependencies (during build and pack)',
    () => npmInstall('npm install of the registry dependencies'),
  );
  // Settled here so a build failure does not leave it as an unhandled rejection.
  const registryDone = registryInstall.then(
    () => undefined,
    error => error,
  );

  if (args.has('--skip-build'))
    console.log('\n== build skipped (--skip-build)');
  else await phase('build (tsc, backstage-cli package build)', build);

  const tarballDir = path.join(hostDir, 'tarballs');
  fs.mkdirSync(tarballDir);
  const packed = await phase('npm pack', () => pack(tarballDir));

  const registryError = await registryDone;
  if (registryError) throw registryError;
  await phase('install the tarballs', async () => {
    writeManifests(hostDir, lock, packed);
    await npmInstall('npm install of the tarballs');
    provideBetterSqlite3(hostDir);
    checkEntryPoints(hostDir, packed);
  });

  // The app's type check runs while the backend is compiled, started and exercised.
  const tsc = path.join(hostDir, 'node_modules/.bin/tsc');
  const appCheck = phase('type-check the host app (frontend)', () =>
    runAsync(tsc, ['-p', 'tsconfig.app.json'], {
      cwd: hostDir,
      what: 'tsc over the host app (frontend)',
    }),
  );
  const appDone = appCheck.then(
    () => undefined,
    error => error,
  );
  await phase('type-check and compile the host backend', () =>
    runAsync(tsc, ['-p', 'tsconfig.backend.json'], {
      cwd: hostDir,
      what: 'tsc over the host backend',
    }),
  );
  await phase('start the host backend, check the model, upload a report', () =>
    exercise(hostDir, port, uploadToken),
  );
  const appError = await appDone;
  if (appError) throw appError;

  printContents(packed);
  console.log('\nverify:packaging passed');
}

main()
  .catch(error => {
    console.error(
      `\nverify:packaging FAILED: ${
        error instanceof CheckFailure ? error.message : error.stack
      }`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    printTimings();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
  });
