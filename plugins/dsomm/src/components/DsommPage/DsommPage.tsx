import { Content, Header, Page } from '@backstage/core-components';
import { Scorecard } from '../scorecard';

/**
 * The organisation-wide DSOMM page: the scorecard of every scored component.
 *
 * @public
 */
export function DsommPage() {
  return (
    <Page themeId="tool">
      <Header
        title="DevSecOps maturity"
        subtitle="OWASP DevSecOps Maturity Model (DSOMM) across the organisation"
      />
      <Content>
        <Scorecard />
      </Content>
    </Page>
  );
}
