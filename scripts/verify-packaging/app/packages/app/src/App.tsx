import { createApp } from '@backstage/frontend-defaults';
import dsommPlugin from '@dsomm/plugin-dsomm/alpha';

// What a platform engineer adds to a new-frontend-system app: the DSOMM feature.
const app = createApp({
  features: [dsommPlugin],
});

export default app;
