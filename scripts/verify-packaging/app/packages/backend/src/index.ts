import { createBackend } from '@backstage/backend-defaults';

// What a platform engineer adds to an existing backend: one line for DSOMM.
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@dsomm/plugin-dsomm-backend'));
backend.start();
