// @ts-check
/* eslint-disable no-console */
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
// Ports default to README's 3000 and 7007; DSOMM_E2E_APP_PORT and DSOMM_E2E_BACKEND_PORT move
// them (through APP_CONFIG_ overrides) when another portal already holds those ports.
const APP_PORT = Number(process.env.DSOMM_E2E_APP_PORT ?? 3000);
const BACKEND_PORT = Number(process.env.DSOMM_E2E_BACKEND_PORT ?? 7007);
const BACKEND = `http://localhost:${BACKEND_PORT}`;
const APP = `http://localhost:${APP_PORT}`;

/** How long the portal may take to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

/** @param {number} ms */
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes.
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined>} check
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
async function waitFor(what, check, timeoutMs) {
  const started = Date.now();
  let last = 'not yet';
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what} (${last})`,
      );
    }
    await sleep(1000);
  }
}

/** A guest token, as the app's zero-click sign-in gets one. */
async function guestToken() {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) return undefined;
  return (await res.json()).backstageIdentity.token;
}

/**
 * Starts the local portal as README's run command does (without the install), with
 * app-config.e2e.yaml on top of app-config.yaml, and
 * resolves once the backend has scored the example catalog with its sample reports and the
 * app serves pages. Returns a function that stops it.
 */
async function startPortal() {
  for (const url of [BACKEND, APP]) {
    const busy = await fetch(url).then(
      () => true,
      () => false,
    );
    if (busy)
      throw new Error(
        `${url} already answers: stop the portal running there first, or set DSOMM_E2E_APP_PORT and DSOMM_E2E_BACKEND_PORT to free ports`,
      );
  }
  const child = spawn(
    'npx',
    [
      'backstage-cli',
      'repo',
      'start',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      path.join(__dirname, 'app-config.e2e.yaml'),
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        BROWSER: 'none',
        APP_CONFIG_app_baseUrl: APP,
        APP_CONFIG_backend_baseUrl: BACKEND,
        APP_CONFIG_backend_listen_port: String(BACKEND_PORT),
        APP_CONFIG_backend_cors_origin: APP,
      },
    },
  );
  let output = '';
  child.stdout.on('data', d => (output = (output + d).slice(-20000)));
  child.stderr.on('data', d => (output = (output + d).slice(-20000)));
  const group = -(/** @type {number} */ (child.pid));
  /** @param {NodeJS.Signals | 0} signal */
  const signalGroup = signal => {
    try {
      process.kill(group, signal);
      return true;
    } catch {
      return false; // no process left in the group
    }
  };
  // The backend can outlive SIGTERM (it keeps serving while its shutdown hooks wait), and a
  // backend left running holds the port for the next run: wait until the whole process group
  // is gone, and kill what is left after a grace period.
  const stop = async () => {
    if (!signalGroup('SIGTERM')) return;
    const started = Date.now();
    while (signalGroup(0)) {
      if (Date.now() - started > STOP_GRACE_MS) {
        signalGroup('SIGKILL');
        return;
      }
      await sleep(250);
    }
  };
  try {
    const token = await waitFor('the backend', guestToken, 240_000);
    await waitFor(
      'the example reports',
      async () => {
        const res = await fetch(
          `${BACKEND}/api/dsomm/entities/component/default/auth-service/reports`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        return res.ok && (await res.json()).reports.length >= 3;
      },
      180_000,
    );
    await waitFor('the app', async () => (await fetch(`${APP}/`)).ok, 240_000);
    return { stop, token };
  } catch (error) {
    await stop();
    console.error(output);
    throw error;
  }
}

module.exports = { startPortal, waitFor, APP, BACKEND };
