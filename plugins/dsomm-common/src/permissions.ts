import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// Every write acts on one catalog entity, so policies can decide with the catalog's
// own rules (e.g. IS_ENTITY_OWNER); callers authorize with the entity ref as resourceRef.

/** Record a manual attestation that an activity is implemented. */
export const dsommAttestationCreatePermission = createPermission({
  name: 'dsomm.attestation.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Revoke a manual attestation. */
export const dsommAttestationDeletePermission = createPermission({
  name: 'dsomm.attestation.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Record or revoke a not-applicable waiver. */
export const dsommWaiverManagePermission = createPermission({
  name: 'dsomm.waiver.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or deny a waiver or attestation someone else requested, where approval is required
 * (`dsomm.approvals.waivers`, a tier's `attestationsRequireApproval`). For organisation-scope
 * requests it is asked without a resource: only an unconditional allow lets a user decide them.
 */
export const dsommWaiverApprovePermission = createPermission({
  name: 'dsomm.waiver.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Recompute an entity's score on demand. */
export const dsommRefreshPermission = createPermission({
  name: 'dsomm.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Upload a scanner report as evidence. */
export const dsommReportCreatePermission = createPermission({
  name: 'dsomm.report.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Record or revoke organisation-wide attestations and waivers, which apply to every
 * component: not tied to one catalog entity, so a basic permission.
 */
export const dsommOrganizationManagePermission = createPermission({
  name: 'dsomm.organization.manage',
  attributes: { action: 'update' },
});

/**
 * Read the audit trail of every entity, including entities no longer in the catalog: not tied
 * to one catalog entity, so a basic permission.
 */
export const dsommAuditReadPermission = createPermission({
  name: 'dsomm.audit.read',
  attributes: { action: 'read' },
});

/**
 * Create, change and archive improvement campaigns, which span many components: not tied to
 * one catalog entity, so a basic permission.
 */
export const dsommCampaignManagePermission = createPermission({
  name: 'dsomm.campaign.manage',
  attributes: { action: 'update' },
});

/** Every DSOMM permission, for registration with the permission framework. */
export const dsommPermissions = [
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommWaiverManagePermission,
  dsommWaiverApprovePermission,
  dsommRefreshPermission,
  dsommReportCreatePermission,
  dsommOrganizationManagePermission,
  dsommAuditReadPermission,
  dsommCampaignManagePermission,
];
