import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import dsommPlugin from '@dsomm/plugin-dsomm-backend';
import { seedReports } from '@dsomm/plugin-dsomm-backend/bench/syntheticReports';
import { Knex } from 'knex';
import { DSOMM_CONFIG, benchCatalogFactory, benchOrg } from './benchOrg';
import { benchHttp } from './benchHttp';
import { recordingScheduler } from './recordingScheduler';
import { StartedSide } from './side';

/** The dsomm scheduled task that recomputes every score. */
const RECOMPUTE_TASK = 'dsomm-recompute';

async function startDsomm(knex: Knex, size: number) {
  const scheduler = recordingScheduler();
  const backend = await startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({ data: { dsomm: DSOMM_CONFIG } }),
      mockServices.database.factory({ knex }),
      benchCatalogFactory(benchOrg(size)),
      scheduler.factory,
    ],
  });
  return { backend, scheduler };
}

/**
 * Gives the org the stored scanner reports DSOMM's bench:scale gives it (one to three weekly
 * uploads per pipeline a component runs, from the real fixtures). Runs in a process of its own
 * before the measured one, so parsing the fixtures does not count in DSOMM's peak RSS.
 */
export async function seedDsomm(knex: Knex, size: number): Promise<number> {
  // Starting the plugin once creates its tables.
  const { backend } = await startDsomm(knex, size);
  await backend.stop();
  return seedReports(knex, size);
}

/** The DSOMM backend plugin on the bench's org, its reports already stored. */
export async function startDsommSide(
  knex: Knex,
  size: number,
): Promise<StartedSide> {
  const { backend, scheduler } = await startDsomm(knex, size);
  const http = benchHttp(backend.server.port());
  return {
    runJob: () => scheduler.run(RECOMPUTE_TASK),
    async readEntity(index) {
      const { ms } = await http.get(
        `/api/dsomm/entities/component/default/svc-${index}`,
      );
      return ms;
    },
    async orgView() {
      const { ms } = await http.get('/api/dsomm/scorecard');
      return { ms };
    },
    port: backend.server.port(),
    stop: () => backend.stop(),
  };
}
