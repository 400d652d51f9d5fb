import { Content, Header, Page } from '@backstage/core-components';
import { PendingApprovalsCard } from '../approvals';
import { DsommPageRoutes } from './DsommPageRoutes';
import { PAGE_SUBTITLE, PAGE_TITLE } from './DsommPageContent';

/**
 * The organisation-wide DSOMM page: the scorecard of every scored component, under the
 * legacy app's banner header.
 *
 * @public
 */
export function DsommPage() {
  return (
    <Page themeId="tool">
      <Header title={PAGE_TITLE} subtitle={PAGE_SUBTITLE} />
      <Content>
        {/* Approvers see what waits for them first; nothing shows when nothing does. */}
        <PendingApprovalsCard />
        <DsommPageRoutes />
      </Content>
    </Page>
  );
}
