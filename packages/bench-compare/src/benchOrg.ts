import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { fakeCatalog } from '@dsomm/plugin-dsomm-backend/bench/fakeCatalog';
import {
  SyntheticOrg,
  syntheticOrg,
} from '@dsomm/plugin-dsomm-backend/bench/syntheticOrg';

/** Practices the whole organisation has, as DSOMM's bench:scale configures them. */
export const ORGANIZATION_IMPLEMENTED = [
  'version-control',
  'a-patch-policy-is-defined',
];

/** The DSOMM config of the bench: the same targets and organisation as bench:scale. */
export const DSOMM_CONFIG = {
  targets: { tiers: { critical: { level: 2 }, experimental: { level: 0 } } },
  organization: { implemented: ORGANIZATION_IMPLEMENTED },
};

/** The synthetic org both sides score, made the same way in every process. */
export function benchOrg(size: number): SyntheticOrg {
  return syntheticOrg(size, getBuiltInModel());
}

/**
 * The catalog both sides read: DSOMM's bench catalog serving the synthetic org, paged as the
 * real catalog streams it, installed as the catalog service of whichever plugin asks.
 */
export function benchCatalogFactory(org: SyntheticOrg) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => fakeCatalog(org),
  });
}
