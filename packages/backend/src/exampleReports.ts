import fs from 'fs';
import path from 'path';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

const REPORTS_DIR = resolvePackagePath('backend', '../../examples/reports');
const WAIT_MS = 2_000;
const MAX_WAIT_MS = 120_000;

interface Upload {
  entity: string;
  file: string;
}

/**
 * For the local portal only: once the example catalog is loaded, uploads the sample scanner
 * reports in examples/reports through the DSOMM API, as a CI pipeline would.
 */
export const exampleReportsModule = createBackendModule({
  pluginId: 'dsomm',
  moduleId: 'example-reports',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({ auth, discovery, logger, lifecycle, catalog }) {
        const { uploads } = JSON.parse(
          fs.readFileSync(path.join(REPORTS_DIR, 'index.json'), 'utf8'),
        ) as { uploads: Upload[] };

        const waitForEntity = async (ref: string) => {
          const credentials = await auth.getOwnServiceCredentials();
          for (let waited = 0; waited < MAX_WAIT_MS; waited += WAIT_MS) {
            if (await catalog.getEntityByRef(ref, { credentials })) return true;
            await new Promise(resolve => setTimeout(resolve, WAIT_MS));
          }
          return false;
        };

        const seed = async () => {
          const baseUrl = await discovery.getBaseUrl('dsomm');
          let stored = 0;
          for (const upload of uploads) {
            if (!(await waitForEntity(upload.entity))) {
              logger.warn(
                `Example report skipped: ${upload.entity} is not in the catalog`,
              );
              continue;
            }
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'dsomm',
            });
            const res = await fetch(
              `${baseUrl}/reports?${new URLSearchParams({
                entity: upload.entity,
                source: `examples/reports/${upload.file}`,
              })}`,
              {
                method: 'POST',
                headers: { Authorization: `Bearer ${token}` },
                body: fs.readFileSync(path.join(REPORTS_DIR, upload.file)),
              },
            );
            if (res.ok) stored += 1;
            else {
              logger.warn(
                `Example report ${upload.file} for ${
                  upload.entity
                } was rejected: ${res.status} ${await res.text()}`,
              );
            }
          }
          logger.info(
            `Uploaded ${stored} of ${uploads.length} example scanner reports`,
          );
        };

        lifecycle.addStartupHook(() => {
          // In the background: the catalog fills in after start.
          seed().catch(error =>
            logger.error(`Uploading example reports failed: ${error}`),
          );
        });
      },
    });
  },
});
