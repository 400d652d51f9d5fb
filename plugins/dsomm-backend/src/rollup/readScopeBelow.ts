import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Visibility } from '../database/visibilityFilter';
import { ComponentsBelowQuery, ScopeTreeOptions } from '../scopes/scopeTree';
import { catalogReadCredentials } from '../service/catalogCredentials';
import { VisibilityService } from '../service/visibility';
import { loadComponentsBelow } from './loadComponentsBelow';

/** What reading a scope's page needs. */
export interface ScopeBelowDeps {
  catalog: CatalogService;
  auth: AuthService;
  visibility: VisibilityService;
  scopes: ScopeTreeOptions;
}

/**
 * Where a roll-up and a lift preview both start: the scope entity, which must be visible to
 * the caller (404 otherwise, as for a component's page), the components below it, and what
 * the caller may see of them. The tree only decides which components count, so the plugin
 * reads the structure as itself; the caller's visibility filters what is shown of them.
 */
export async function readScopeBelow(
  deps: ScopeBelowDeps,
  scopeRef: string,
  credentials: BackstageCredentials,
): Promise<{
  entity: Entity;
  below: ComponentsBelowQuery;
  visibility: Visibility;
}> {
  const { catalog, auth } = deps;
  const entity = await catalog.getEntityByRef(scopeRef, {
    credentials: await catalogReadCredentials(auth, credentials),
  });
  if (!entity) {
    throw new NotFoundError(`Entity ${scopeRef} is not in the catalog`);
  }
  const [below, visibility] = await Promise.all([
    loadComponentsBelow(
      catalog,
      await auth.getOwnServiceCredentials(),
      scopeRef,
      deps.scopes,
    ),
    deps.visibility.forCredentials(credentials),
  ]);
  return { entity, below, visibility };
}
