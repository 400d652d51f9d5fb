import { Knex } from 'knex';
import path from 'path';

/** The plugin's migrations. */
export const MIGRATIONS = path.resolve(__dirname, '../../migrations');

/**
 * Runs the plugin's migrations up to, not including, the one whose file name starts with
 * `prefix`: the schema a migration meets, for a test to store rows in before running it.
 */
export async function migrateToJustBefore(
  knex: Knex,
  prefix: string,
): Promise<void> {
  const [, pending] = await knex.migrate.list({ directory: MIGRATIONS });
  const before = (pending as { file: string }[]).findIndex(m =>
    m.file.startsWith(prefix),
  );
  if (before < 0) throw new Error(`No pending migration starts with ${prefix}`);
  for (let i = 0; i < before; i++) {
    await knex.migrate.up({ directory: MIGRATIONS });
  }
}
