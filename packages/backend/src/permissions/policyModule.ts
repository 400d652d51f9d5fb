import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DsommExamplePolicy } from './DsommExamplePolicy';

/** Installs the example policy in the permission backend of the local portal. */
export const dsommExamplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'dsomm-example-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DsommExamplePolicy());
      },
    });
  },
});
