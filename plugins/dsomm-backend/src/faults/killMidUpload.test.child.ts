/* eslint-disable no-console */
/**
 * A DSOMM backend in its own process, for killMidUpload.test.ts: the test kills it with SIGKILL
 * while uploads are in flight. Run with the CLI's node transform:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs killMidUpload.test.child.ts
 *
 * DSOMM_FAULT_CHILD holds JSON `{ knex: <knex config>, entities: <component names> }`. Once
 * the backend (migrations included) is up, one line `{"port": N}` is printed on stdout.
 *
 * The name matches lint's test-file patterns (it uses test utilities and devDependencies) but
 * not jest's `*.test.ts`, so jest never runs it as a suite.
 */
import knexFactory, { Knex } from 'knex';
// startTestBackend needs no jest globals; it registers its afterAll hook only under jest.
import { startTestBackend } from '@backstage/backend-test-utils';
import { component } from '../__testUtils__/entities';
import { dsommTestFeatures } from '../__testUtils__/backend';

export interface ChildOptions {
  knex: Knex.Config;
  entities: string[];
}

async function main() {
  const options: ChildOptions = JSON.parse(process.env.DSOMM_FAULT_CHILD!);
  const knex = knexFactory(options.knex);
  const backend = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: options.entities.map(name =>
        component(name, { owner: 'team-a' }),
      ),
    }),
  });
  console.log(JSON.stringify({ port: backend.server.port() }));
  // A graceful stop (used only when the test is done with a child it did not kill).
  process.once('SIGTERM', () => {
    backend
      .stop()
      .then(() => knex.destroy())
      .finally(() => process.exit(0));
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
