import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DsommExamplePolicy } from './DsommExamplePolicy';

/** Installs the example policy in the permission backend of the local portal. */
export const dsommExamplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'dsomm-example-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        // Who may manage campaigns besides the default (the security group); the browser
        // tests name the guest user here.
        const campaignManagers = config.getOptionalStringArray(
          'dsommExamplePolicy.campaignManagers',
        );
        policy.setPolicy(new DsommExamplePolicy({ campaignManagers }));
      },
    });
  },
});
