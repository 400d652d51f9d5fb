import { mockCredentials } from '@backstage/backend-test-utils';

/**
 * Requests to a test backend's HTTP server as a signed-in user, timed from sending to the last
 * byte of the answer. A non-2xx answer throws: a bench that timed errors would mislead.
 */
export function benchHttp(port: number) {
  const headers = {
    authorization: mockCredentials.user.header(),
    'content-type': 'application/json',
  };
  async function request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ ms: number; json: unknown }> {
    const started = performance.now();
    const response = await fetch(`http://localhost:${port}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (!response.ok) {
      throw new Error(
        `${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`,
      );
    }
    return { ms, json: JSON.parse(text) };
  }
  return {
    get: (path: string) => request('GET', path),
    post: (path: string, body: unknown) => request('POST', path, body),
  };
}
