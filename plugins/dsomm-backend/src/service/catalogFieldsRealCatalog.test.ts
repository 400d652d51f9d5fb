import fs from 'fs';
import path from 'path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { ConfigReader } from '@backstage/config';
import {
  TestDatabaseId,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { realCatalogFeatures } from '../__testUtils__/catalogStack';
import {
  catalogFieldEntities,
  storedScores,
  withFields,
} from '../__testUtils__/catalogFieldEntities';
import { scoringOver } from '../__testUtils__/scoring';

// The catalog processes its entities in the background before they can be read.
jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../../..');

/** The local portal's example catalog, and the entities that exercise every listed field. */
function entities(): Entity[] {
  const dir = path.join(ROOT, 'examples');
  const examples = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    )
    .filter(e => e.kind !== 'Location');
  return [...examples, ...catalogFieldEntities()];
}

/** Counts the bytes of what the catalog streams, as JSON, and its entities' top-level fields. */
function counting(catalog: CatalogService) {
  const read = { bytes: 0, topLevel: new Set<string>() };
  const wrapped = withFields(catalog, fields => fields);
  return {
    read,
    catalog: new Proxy(wrapped, {
      get(target, property) {
        if (property === 'streamEntities') {
          return async function* stream(
            ...args: Parameters<CatalogService['streamEntities']>
          ) {
            for await (const page of target.streamEntities(...args)) {
              read.bytes += JSON.stringify(page).length;
              for (const entity of page) {
                for (const key of Object.keys(entity)) read.topLevel.add(key);
              }
              yield page;
            }
          };
        }
        return Reflect.get(target, property);
      },
    }),
  };
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'scoring through the real catalog backend on %p',
  databaseId => {
    it('stores the same scores from the listed fields as from whole entities, reading less', async () => {
      const catalogEntities = entities();
      const stack = realCatalogFeatures({
        databases,
        databaseId,
        entities: catalogEntities,
      });
      const backend = await startTestBackend({ features: stack.features });
      try {
        const catalog = stack.catalog();
        const credentials = await mockServices
          .auth()
          .getOwnServiceCredentials();
        // The catalog processes the provided entities in the background: wait for all.
        for (;;) {
          let count = 0;
          for await (const page of catalog.streamEntities(
            { fields: ['kind'] },
            { credentials },
          )) {
            count += page.length;
          }
          if (count >= catalogEntities.length) break;
          await new Promise(resolve => setTimeout(resolve, 200));
        }

        const model = getBuiltInModel();
        const config = readDsommConfig(
          new ConfigReader(
            parseYaml(
              fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
            ),
          ),
          model,
        );
        const now = new Date('2026-03-02T10:00:00.000Z');
        const recompute = async (source: CatalogService) => {
          const store = await DsommStore.create({
            database: mockServices.database({
              knex: await databases.init(databaseId as TestDatabaseId),
            }),
          });
          const scoring = scoringOver({
            config,
            store,
            catalog: source,
            now: () => now,
          });
          const result = await scoring.recomputeAll();
          return { result, scores: await storedScores(store) };
        };

        const full = counting(withFields(catalog, () => undefined));
        const whole = await recompute(full.catalog);
        const listed = counting(catalog);
        const fieldsOnly = await recompute(listed.catalog);

        const components = catalogEntities.filter(e => e.kind === 'Component');
        expect(whole.result.scored).toBe(components.length);
        expect(whole.scores.size).toBe(components.length);
        // Every stored score, field by field.
        expect(fieldsOnly.scores).toEqual(whole.scores);
        // The real catalog did leave the other fields out.
        expect([...listed.read.topLevel].sort()).toEqual([
          'kind',
          'metadata',
          'spec',
        ]);
        expect(full.read.topLevel).toContain('relations');
        expect(listed.read.bytes).toBeLessThan(full.read.bytes);
      } finally {
        await backend.stop();
      }
    });
  },
);
