import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogReadCredentials } from './catalogCredentials';

describe('catalogReadCredentials', () => {
  const auth = mockServices.auth({ pluginId: 'dsomm' });

  it("keeps a user's own credentials, so the catalog hides what it hides from them", async () => {
    const user = mockCredentials.user('user:default/alice');
    expect(await catalogReadCredentials(auth, user)).toBe(user);
  });

  it("reads as the plugin for a service, whatever the service's token may reach", async () => {
    const restricted = mockCredentials.service('ci-pipeline', {
      permissionNames: ['dsomm.report.create'],
    });
    expect(await catalogReadCredentials(auth, restricted)).toEqual(
      mockCredentials.service('plugin:dsomm'),
    );
  });
});
