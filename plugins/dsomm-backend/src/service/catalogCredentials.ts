import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/**
 * The credentials to read an entity from the catalog with on behalf of `credentials`.
 *
 * Users read as themselves, so entities hidden from them stay not found. A service (e.g. a
 * CI token restricted to this plugin) has already passed DSOMM's own permission check and
 * may hold no catalog permission at all, so the plugin reads the catalog as itself.
 */
export async function catalogReadCredentials(
  auth: AuthService,
  credentials: BackstageCredentials,
): Promise<BackstageCredentials> {
  return auth.isPrincipal(credentials, 'service')
    ? auth.getOwnServiceCredentials()
    : credentials;
}
