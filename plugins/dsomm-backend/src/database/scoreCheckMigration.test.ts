import { createTestDatabases } from '../__testUtils__/databases';
import { MIGRATIONS, migrateToJustBefore } from '../__testUtils__/migrations';
import { levelScore } from '../__testUtils__/storedScores';
import { scoreToRow } from './rows';
import { digestCheck } from './scoreDigest';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DIGEST = 'q83vEjRWeJq83vEjRWeJq83vEjQ=';

describe.each(databases.eachSupportedId())(
  'the score check migration on %p',
  databaseId => {
    it('gives stored scores the check of their digest, and none to a score without one', async () => {
      const knex = await databases.init(databaseId);
      // The schema before 20261130000500_score_check, with scores in it.
      await migrateToJustBefore(knex, '20261130000500_');
      const row = (i: number, digest: string | null) => {
        const { digest_check: _, ...columns } = scoreToRow(
          levelScore(i, 1, { owner: 'group:default/t' }),
        );
        return { ...columns, score_digest: digest };
      };
      await knex('dsomm_scores').insert([row(0, DIGEST), row(1, null)]);
      await knex.migrate.latest({ directory: MIGRATIONS });
      expect(
        await knex('dsomm_scores')
          .orderBy('entity_ref')
          .select('entity_ref', 'digest_check'),
      ).toEqual([
        {
          entity_ref: 'component:default/c0',
          digest_check: digestCheck(DIGEST),
        },
        { entity_ref: 'component:default/c1', digest_check: null },
      ]);
      // 30 bits of the digest: 0xabcdef12 without its top two bits.
      expect(digestCheck(DIGEST)).toBe(0x2bcdef12);
    });
  },
);
