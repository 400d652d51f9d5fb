// @ts-check
/* eslint-disable no-console */
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
const BACKEND = 'http://localhost:7007';
const APP = 'http://localhost:3000';

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
 * Starts the local portal exactly as README's run command does (without the install), and
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
        `${url} already answers: stop the portal running there first`,
      );
  }
  const child = spawn('npx', ['backstage-cli', 'repo', 'start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none' },
  });
  let output = '';
  child.stdout.on('data', d => (output = (output + d).slice(-20000)));
  child.stderr.on('data', d => (output = (output + d).slice(-20000)));
  const stop = () => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
    } catch {
      // already gone
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
    stop();
    console.error(output);
    throw error;
  }
}

module.exports = { startPortal, waitFor, APP, BACKEND };
