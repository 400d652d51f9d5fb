import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import dsommPlugin from '@dsomm/plugin-dsomm/alpha';

// What a platform engineer adds to a new-frontend-system app: the DSOMM feature.
const app = createApp({
  features: [catalogPlugin, dsommPlugin],
});

export default app;
