import Module from 'module';
import path from 'path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * The notifications and signals backends are installed under this package's own
 * node_modules (see package-lock.json), not at the root. The hoisted
 * `@backstage/backend-plugin-api` finds a plugin's migrations with `require.resolve` from the
 * root, which cannot see them there, and the notifications backend stops at start. Adding this
 * package's node_modules to Node's global search path (NODE_PATH) lets it find them.
 */
const own = resolvePackagePath('backend', 'node_modules');
const current = process.env.NODE_PATH?.split(path.delimiter) ?? [];
if (!current.includes(own)) {
  process.env.NODE_PATH = [...current, own]
    .filter(Boolean)
    .join(path.delimiter);
  // Node reads NODE_PATH once at start; this re-reads it.
  (Module as unknown as { _initPaths(): void })._initPaths();
}
