import {
  CatalogPermissionRule,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommAuditReadPermission,
  dsommCampaignManagePermission,
  dsommRefreshPermission,
  dsommReportCreatePermission,
  dsommWaiverApprovePermission,
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
const ownedBy = (claims: string[]): PolicyDecision =>
  expect.objectContaining({
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: expect.objectContaining({
      anyOf: expect.arrayContaining([
        {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims },
        },
      ]),
    }),
  });

/** A catalog entity, as the catalog's rules take it. */
type Entity = Parameters<CatalogPermissionRule['apply']>[0];

const rules = new Map<string, CatalogPermissionRule>(
  Object.values(permissionRules).map(rule => [rule.name, rule]),
);

/** Whether a conditional decision allows the entity, evaluated with the catalog's own rules. */
function allows(criteria: PermissionCriteria<any>, entity: Entity): boolean {
  if ('anyOf' in criteria)
    return criteria.anyOf.some((c: PermissionCriteria<any>) =>
      allows(c, entity),
    );
  if ('allOf' in criteria)
    return criteria.allOf.every((c: PermissionCriteria<any>) =>
      allows(c, entity),
    );
  if ('not' in criteria) return !allows(criteria.not, entity);
  const rule = rules.get(criteria.rule);
  if (!rule) throw new Error(`unknown rule ${criteria.rule}`);
  return rule.apply(entity, criteria.params as any);
}

async function allowedOn(
  permission: Permission,
  user: PolicyQueryUser,
  entity: Entity,
) {
  const decision = await decide(permission, user);
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  return allows(decision.conditions, entity);
}

const group = (name: string, namespace?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { type: 'team', children: [] },
});

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
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

  it('lets members record for their own groups only, and owners for their components', async () => {
    const lead = userOf(
      'user:default/guest',
      'group:default/team-platform',
      'group:default/team-payments',
    );
    for (const permission of [
      dsommAttestationCreatePermission,
      dsommAttestationDeletePermission,
      dsommWaiverManagePermission,
    ]) {
      const on = (entity: Entity) => allowedOn(permission, lead, entity);
      expect(await on(group('team-payments'))).toBe(true);
      expect(await on(group('team-platform', 'default'))).toBe(true);
      expect(await on(group('team-identity'))).toBe(false);
      // the department above: not a group the user is a member of
      expect(await on(group('engineering'))).toBe(false);
      // same name elsewhere is another group
      expect(await on(group('team-payments', 'acquired'))).toBe(false);
      expect(
        await on(component('payments-api', 'group:default/team-payments')),
      ).toBe(true);
      expect(
        await on(component('auth-service', 'group:default/team-identity')),
      ).toBe(false);
      // a component named like the group is no group
      expect(
        await on(component('team-payments', 'group:default/team-identity')),
      ).toBe(false);
    }
    // Without the membership, the guest of the policy test above records for no payments scope.
    expect(
      await allowedOn(
        dsommAttestationCreatePermission,
        guest,
        group('team-payments'),
      ),
    ).toBe(false);
  });

  it('lets only the security group read the audit trail', async () => {
    expect(await decide(dsommAuditReadPermission, securityLead)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(dsommAuditReadPermission, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only the security group approve or deny requests, whoever owns the component', async () => {
    expect(await decide(dsommWaiverApprovePermission, securityLead)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // Owning the component is not enough: the approver is a second, independent person.
    expect(await decide(dsommWaiverApprovePermission, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only the security group manage campaigns', async () => {
    expect(await decide(dsommCampaignManagePermission, securityLead)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(dsommCampaignManagePermission, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets the claims config names manage campaigns instead, matching refs in any case', async () => {
    const policy = new DsommExamplePolicy({
      campaignManagers: [SECURITY_GROUP, 'User:default/Guest'],
    });
    const campaignDecision = (user: PolicyQueryUser) =>
      policy.handle({ permission: dsommCampaignManagePermission }, user);
    expect(await campaignDecision(guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await campaignDecision(securityLead)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await campaignDecision(userOf('user:default/someone-else'))).toEqual(
      { result: AuthorizeResult.DENY },
    );
    // Nothing else of the security group's comes with it.
    expect(
      await policy.handle({ permission: dsommAuditReadPermission }, guest),
    ).toEqual({ result: AuthorizeResult.DENY });
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
