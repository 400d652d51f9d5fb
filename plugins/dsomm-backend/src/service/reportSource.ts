import { InputError } from '@backstage/errors';

const SCHEME = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks an upload's `source`: an http(s) URL, shown as a link, or a plain label with no
 * scheme (e.g. `build 1234`), shown as text. Any other scheme (`javascript:`, `data:`, `file:`)
 * is refused, since the frontend would otherwise have to tell safe links from unsafe ones.
 */
export function checkReportSource(
  value: string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > 2048) {
    throw new InputError('source: must be at most 2048 characters');
  }
  if (CONTROL.test(value)) {
    throw new InputError('source: must not contain control characters');
  }
  const scheme = SCHEME.exec(value)?.[1].toLowerCase();
  if (scheme === undefined) return value;
  if (scheme !== 'http' && scheme !== 'https') {
    throw new InputError(
      `source: must be an http(s) URL or a label without a scheme; got a "${scheme}:" URL`,
    );
  }
  try {
    new URL(value); // eslint-disable-line no-new
  } catch {
    throw new InputError(`source: is not a valid ${scheme} URL`);
  }
  return value;
}
