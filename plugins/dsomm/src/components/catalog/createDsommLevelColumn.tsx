import { Entity } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { DsommLevelCell } from './DsommLevelCell';

/**
 * A catalog table column showing each row's DSOMM level against its target, e.g. for a
 * legacy app's `<CatalogIndexPage columns={...} />`:
 * `columns={ctx => [...CatalogTable.defaultColumnsFunc(ctx), createDsommLevelColumn()]}`.
 * The cells of a page are fetched together, in one request.
 *
 * @public
 */
export function createDsommLevelColumn<
  T extends { entity: Entity } = { entity: Entity },
>(options: { title?: string; tabPath?: string } = {}): TableColumn<T> {
  return {
    title: options.title ?? 'DSOMM',
    // The level comes from the backend, not the row: the table can neither sort nor search it.
    sorting: false,
    searchable: false,
    render: row => (
      <DsommLevelCell entity={row.entity} tabPath={options.tabPath} />
    ),
  };
}
