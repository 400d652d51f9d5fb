import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommRefreshPermission,
  dsommReportCreatePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';
import { DsommExamplePolicy, SECURITY_GROUP } from './DsommExamplePolicy';

const userOf = (...ownershipEntityRefs: string[]): PolicyQueryUser =>
  ({
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    credentials: {} as any,
    token: 'unused',
  } as unknown as PolicyQueryUser);

const guest = userOf('user:default/guest', 'group:default/team-platform');
const securityLead = userOf('user:default/sara-nilsen', SECURITY_GROUP);

const decide = (permission: Permission, user: PolicyQueryUser) =>
  new DsommExamplePolicy().handle({ permission }, user);

/** An owner-only decision: conditional on the catalog's ownership rule for these claims. */
const ownedBy = (claims: string[]): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
});

describe('DsommExamplePolicy', () => {
  it('lets users attest, revoke, waive and upload only where they own the component', async () => {
    const claims = guest.info.ownershipEntityRefs;
    for (const permission of [
      dsommAttestationCreatePermission,
      dsommAttestationDeletePermission,
      dsommWaiverManagePermission,
      dsommReportCreatePermission,
    ]) {
      expect({
        permission: permission.name,
        decision: await decide(permission, guest),
      }).toEqual({
        permission: permission.name,
        decision: ownedBy(claims),
      });
    }
  });

  it('lets the security group waive anywhere, but attest only what it owns', async () => {
    expect(await decide(dsommWaiverManagePermission, securityLead)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await decide(dsommAttestationCreatePermission, securityLead),
    ).toEqual(ownedBy(securityLead.info.ownershipEntityRefs));
  });

  it('allows reads and refreshes to everyone', async () => {
    expect(await decide(catalogEntityReadPermission, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(dsommRefreshPermission, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
