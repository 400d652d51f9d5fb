import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommReportCreatePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';

/** Members of this group may record and revoke waivers on any component. */
export const SECURITY_GROUP = 'group:default/security';

// What only a component's owners may do to it.
const OWNER_ONLY = [
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommWaiverManagePermission,
  dsommReportCreatePermission,
];

/**
 * The local portal's example policy: users attest, waive and upload for the components their
 * user or groups own; the security group waives anywhere; everything else (reads, refresh,
 * the catalog) is allowed. Services, such as the CI token, never reach a policy: their
 * tokens' access restrictions decide.
 */
export class DsommExamplePolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = query;
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (
      isPermission(permission, dsommWaiverManagePermission) &&
      claims.includes(SECURITY_GROUP)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY) &&
      OWNER_ONLY.some(owned => isPermission(permission, owned))
    ) {
      // The catalog evaluates ownership for the entity named by the request's resourceRef.
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
