import { ProxiedSignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import dsommPlugin from '@dsomm/plugin-dsomm/alpha';
import { appNavWithNotifications } from './appNav';
import { catalogPageWithDsomm } from './catalogPage';

// Zero-click sign-in as the guest user: the local portal is for trying the plugins, and a
// sign-in without a click lets headless browsers see the signed-in portal.
const guestSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      <ProxiedSignInPage {...props} provider="guest" />,
  },
});

const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [guestSignInPage, appNavWithNotifications],
});

// The catalog page shows a DSOMM level column (see catalogPage.tsx).
const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogPageWithDsomm],
});

const app = createApp({
  // Notifications (page, nav entry with the unread badge, settings) and signals, which pushes
  // new notifications to the open page.
  features: [
    catalogPlugin,
    dsommPlugin,
    notificationsPlugin,
    signalsPlugin,
    signInModule,
    catalogModule,
  ],
});

export default app;
