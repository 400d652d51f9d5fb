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
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommAuditReadPermission,
  dsommCampaignManagePermission,
  dsommReportCreatePermission,
  dsommWaiverApprovePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';

/**
 * Members of this group may record and revoke waivers on any component, approve or deny
 * others' waivers and attestations anywhere, read the audit trail and manage campaigns.
 */
export const SECURITY_GROUP = 'group:default/security';

// What only a component's owners may do to it.
const OWNER_ONLY = [
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommWaiverManagePermission,
  dsommReportCreatePermission,
];

/**
 * The groups among a user's ownership claims, each as a condition matching that Group entity.
 * Groups own no catalog relation to themselves, so "members record for their group" is
 * spelled out by kind, namespace and name.
 */
function ownGroups(
  claims: string[],
): PermissionCriteria<PermissionCondition<'catalog-entity'>>[] {
  return claims.flatMap(claim => {
    // Ownership claims are full refs (`group:default/team-payments`).
    const match = /^group:([^/]+)\/(.+)$/i.exec(claim);
    if (!match) return [];
    const ref = { namespace: match[1], name: match[2] };
    const allOf: [
      PermissionCondition<'catalog-entity'>,
      ...PermissionCondition<'catalog-entity'>[],
    ] = [
      catalogConditions.isEntityKind({ kinds: ['Group'] }),
      catalogConditions.hasMetadata({
        key: 'namespace',
        value: ref.namespace,
      }),
      catalogConditions.hasMetadata({ key: 'name', value: ref.name }),
    ];
    return [{ allOf }];
  });
}

/**
 * The local portal's example policy: users attest, waive and upload for the components their
 * user or groups own, and record a group's own (team-wide) evidence for the groups they are
 * members of; the security group waives anywhere and alone approves requests and reads the
 * audit trail; everything else (reads, refresh, the catalog) is allowed. Services, such as
 * the CI token, never reach a policy: their tokens' access restrictions decide.
 */
export class DsommExamplePolicy implements PermissionPolicy {
  private readonly campaignManagers: string[];

  /**
   * `campaignManagers`: the ownership claims (user or group refs) that may manage campaigns;
   * the security group by default. The browser tests add the guest user, so that they can
   * create a campaign through the UI without giving the guest the rest of security's rights.
   */
  constructor(options: { campaignManagers?: string[] } = {}) {
    this.campaignManagers = (options.campaignManagers ?? [SECURITY_GROUP]).map(
      ref => ref.toLocaleLowerCase('en-US'),
    );
  }

  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = query;
    const claims = user?.info.ownershipEntityRefs ?? [];
    // The audit trail names who did what everywhere: for the security group only.
    if (isPermission(permission, dsommAuditReadPermission)) {
      return {
        result: claims.includes(SECURITY_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    // Campaigns set goals across teams: run by the security group (or whom config names).
    if (isPermission(permission, dsommCampaignManagePermission)) {
      return {
        result: claims.some(claim =>
          this.campaignManagers.includes(claim.toLocaleLowerCase('en-US')),
        )
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      isPermission(permission, dsommWaiverManagePermission) &&
      claims.includes(SECURITY_GROUP)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    // The second person of an approval: the security group, everywhere (the plugin never lets
    // anyone decide their own request).
    if (isPermission(permission, dsommWaiverApprovePermission)) {
      return {
        result: claims.includes(SECURITY_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY) &&
      OWNER_ONLY.some(owned => isPermission(permission, owned))
    ) {
      // The catalog evaluates these for the entity named by the request's resourceRef. A
      // team's evidence applies to the components the team owns, which its members may
      // already attest one by one; a department's also to its teams' components, which is
      // what its head records department-wide practices for.
      return createCatalogConditionalDecision(permission, {
        anyOf: [
          catalogConditions.isEntityOwner({ claims }),
          ...ownGroups(claims),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
