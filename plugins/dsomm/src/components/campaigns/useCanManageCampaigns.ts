import { usePermission } from '@backstage/plugin-permission-react';
import { dsommCampaignManagePermission } from '@dsomm/plugin-dsomm-common';

/** Whether to offer creating, archiving and restoring (the backend checks again). */
export function useCanManageCampaigns(): boolean {
  return usePermission({ permission: dsommCampaignManagePermission }).allowed;
}
