import { createBackend } from '@backstage/backend-defaults';
import { exampleReportsModule } from './exampleReports';
import { dsommExamplePolicyModule } from './permissions/policyModule';

// A minimal backend for trying the DSOMM plugins locally: catalog, guest sign-in, permissions
// with an example policy, DSOMM, and DSOMM's actions served over MCP.
const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
// Owners attest and waive their own components; the security group waives anywhere.
backend.add(dsommExamplePolicyModule);
backend.add(import('@dsomm/plugin-dsomm-backend'));
// Notifications to component owners from DSOMM (README, "Notifications"), pushed to open
// browsers through signals.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// DSOMM's actions as MCP tools for AI assistants, at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// Sample scanner reports for the example components, uploaded once the catalog is loaded.
backend.add(exampleReportsModule);

backend.start();
