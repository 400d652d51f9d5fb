import { ConfigReader } from '@backstage/config';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import {
  catalogFieldEntities,
  catalogFieldsConfig,
  storedScores,
  withFields,
} from '../__testUtils__/catalogFieldEntities';
import { SCOPE_ENTITY_FIELDS, SCORED_ENTITY_FIELDS } from './catalogFields';
import { scoringOver } from '../__testUtils__/scoring';

// One recompute per listed field, each on a freshly migrated database.
jest.setTimeout(120_000);

// The mock catalog picks fields as the catalog does; SQLite suffices for what is read.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(catalogFieldsConfig), model);
const NOW = new Date('2026-03-02T10:00:00.000Z');

/** What a full recompute over `catalog` stores, or the error it fails with. */
async function recomputed(catalog: CatalogService) {
  const store = await DsommStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
    }),
  });
  try {
    await scoringOver({
      config,
      store,
      catalog,
      now: () => NOW,
    }).recomputeAll();
  } catch (error) {
    return { failed: String(error) };
  }
  return storedScores(store);
}

describe('the catalog field lists scoring asks for', () => {
  const entities: Entity[] = catalogFieldEntities();
  const catalog = catalogServiceMock({ entities });

  it('give the same stored scores as whole entities', async () => {
    const full = await recomputed(withFields(catalog, () => undefined));
    const listed = await recomputed(catalog);
    expect(full).toBeInstanceOf(Map);
    expect((full as Map<string, unknown>).size).toBe(
      entities.filter(e => e.kind === 'Component').length,
    );
    expect(listed).toEqual(full);
  });

  // Each listed field changes some score when left out: the entities above exercise every one
  // of them, so the test above would fail if scoring read a field the lists lack.
  const cases = [
    ...SCORED_ENTITY_FIELDS.map(field => ({
      list: SCORED_ENTITY_FIELDS,
      field,
    })),
    ...SCOPE_ENTITY_FIELDS.map(field => ({ list: SCOPE_ENTITY_FIELDS, field })),
  ].map(c => ({
    ...c,
    name: `${c.list === SCORED_ENTITY_FIELDS ? 'component' : 'scope'} ${
      c.field
    }`,
  }));
  it.each(cases)('change the scores without $name', async ({ list, field }) => {
    const full = await recomputed(withFields(catalog, () => undefined));
    const without = await recomputed(
      withFields(catalog, fields =>
        fields === list ? fields.filter(f => f !== field) : fields,
      ),
    );
    expect(without).not.toEqual(full);
  });
});
