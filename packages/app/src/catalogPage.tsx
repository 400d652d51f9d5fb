import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { CatalogIndexPage, CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { createDsommLevelColumn } from '@dsomm/plugin-dsomm';

/**
 * The catalog page with a DSOMM level column after the default ones. The installed catalog
 * plugin's page has inputs for filters (the DSOMM plugin adds "DSOMM: below target" there)
 * but none for columns, so its loader is replaced by the catalog's own index page, given the
 * same filter extensions and the extra column.
 */
export const catalogPageWithDsomm = catalogPlugin
  .getExtension('page:catalog')
  .override({
    factory(originalFactory, { inputs }) {
      const filters = inputs.filters.map(filter =>
        filter.get(coreExtensionData.reactElement),
      );
      return originalFactory({
        params: {
          loader: async () => (
            <CatalogIndexPage
              filters={<>{filters}</>}
              columns={context => [
                ...CatalogTable.defaultColumnsFunc(context),
                createDsommLevelColumn(),
              ]}
            />
          ),
        },
      });
    },
  });
