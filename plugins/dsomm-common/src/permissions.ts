import { createPermission } from '@backstage/plugin-permission-common';

/** Record a manual attestation that an activity is implemented. */
export const dsommAttestationCreatePermission = createPermission({
  name: 'dsomm.attestation.create',
  attributes: { action: 'create' },
});

/** Revoke a manual attestation. */
export const dsommAttestationDeletePermission = createPermission({
  name: 'dsomm.attestation.delete',
  attributes: { action: 'delete' },
});

/** Record or revoke a not-applicable waiver. */
export const dsommWaiverManagePermission = createPermission({
  name: 'dsomm.waiver.manage',
  attributes: { action: 'update' },
});

/** Recompute an entity's score on demand. */
export const dsommRefreshPermission = createPermission({
  name: 'dsomm.refresh',
  attributes: { action: 'update' },
});

/** Upload a scanner report as evidence. */
export const dsommReportCreatePermission = createPermission({
  name: 'dsomm.report.create',
  attributes: { action: 'create' },
});

/** Every DSOMM permission, for registration with the permission framework. */
export const dsommPermissions = [
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommWaiverManagePermission,
  dsommRefreshPermission,
  dsommReportCreatePermission,
];
