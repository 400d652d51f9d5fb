import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ORGANIZATION_SCOPE_REF,
  PendingApproval,
  dsommWaiverApprovePermission,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore } from '../database/DsommStore';

/**
 * Whether the caller may decide requests at the organisation scope, which is no catalog
 * entity: the resource permission is asked without a resource, and only an unconditional
 * allow counts (a condition such as ownership cannot hold for no entity).
 */
export async function mayDecideOrganization(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: dsommWaiverApprovePermission }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/** The approvers' list: pending requests a caller may decide. */
export class ApprovalService {
  constructor(
    private readonly deps: {
      store: DsommStore;
      permissions: PermissionsService;
    },
  ) {}

  /**
   * Pending requests, oldest first, that `actor` may decide: not their own, and on entities
   * where they hold `dsomm.waiver.approve` (asked once per entity).
   */
  async pendingFor(
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<PendingApproval[]> {
    const requests = (await this.deps.store.pendingApprovals()).filter(
      r => r.requestedBy !== actor,
    );
    const refs = [...new Set(requests.map(r => r.entityRef))];
    const entityRefs = refs.filter(ref => ref !== ORGANIZATION_SCOPE_REF);
    const allowed = new Set<string>();
    if (refs.includes(ORGANIZATION_SCOPE_REF)) {
      if (await mayDecideOrganization(this.deps.permissions, credentials)) {
        allowed.add(ORGANIZATION_SCOPE_REF);
      }
    }
    if (entityRefs.length > 0) {
      const decisions = await this.deps.permissions.authorize(
        entityRefs.map(resourceRef => ({
          permission: dsommWaiverApprovePermission,
          resourceRef,
        })),
        { credentials },
      );
      entityRefs.forEach((ref, i) => {
        if (decisions[i].result === AuthorizeResult.ALLOW) allowed.add(ref);
      });
    }
    return requests.filter(r => allowed.has(r.entityRef));
  }
}
