import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite always; PostgreSQL 15 when a server is configured. `scripts/test-all.sh` (and so CI)
 * always configures one and sets DSOMM_REQUIRE_POSTGRES, so there it can never be skipped.
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    ids.push('POSTGRES_15');
  } else if (process.env.DSOMM_REQUIRE_POSTGRES) {
    throw new Error(
      'DSOMM_REQUIRE_POSTGRES is set but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not',
    );
  }
  return TestDatabases.create({ ids });
}
