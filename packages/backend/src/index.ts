import { createBackend } from '@backstage/backend-defaults';

// A minimal backend for trying the DSOMM plugins locally: catalog, guest sign-in and DSOMM.
const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@dsomm/plugin-dsomm-backend'));

backend.start();
