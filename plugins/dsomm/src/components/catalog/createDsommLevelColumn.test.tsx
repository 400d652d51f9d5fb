import { Entity } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { EntityLevelSummary } from '@dsomm/plugin-dsomm-common';
import { DsommApi, dsommApiRef } from '../../api';
import { createDsommLevelColumn } from './createDsommLevelColumn';

// A table of rows renders slowly on a loaded machine: the waits below end on their condition,
// with jest's timeout as the only limit.
jest.setTimeout(30_000);
const untilTimeout = { timeout: 60_000 };

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

const summary = (
  name: string,
  overallLevel: number,
  targetLevel: number | null,
): EntityLevelSummary => ({
  entityRef: `component:default/${name}`,
  overallLevel: overallLevel as EntityLevelSummary['overallLevel'],
  targetLevel: targetLevel as EntityLevelSummary['targetLevel'],
  meetsTarget: targetLevel === null ? null : overallLevel >= targetLevel,
  score: overallLevel * 10,
  computedAt: '2026-11-01T00:00:00.000Z',
});

type Row = { entity: Entity };

async function renderTable(rows: Row[], api: Partial<DsommApi>) {
  const columns: TableColumn<Row>[] = [
    { title: 'Name', field: 'entity.metadata.name' },
    createDsommLevelColumn<Row>(),
  ];
  await renderInTestApp(
    <TestApiProvider apis={[[dsommApiRef, api]]}>
      <Table<Row> columns={columns} data={rows} options={{ pageSize: 20 }} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('createDsommLevelColumn', () => {
  it('fetches a page of 20 rows in one request and shows each level against its target', async () => {
    // 18 components (svc-0 .. svc-17, svc-17 not scored), a group and a system.
    const names = Array.from({ length: 18 }, (_, i) => `svc-${i}`);
    const rows = [
      ...names.map(n => ({ entity: entity('Component', n) })),
      { entity: entity('Group', 'team-a') },
      { entity: entity('System', 'payments') },
    ];
    const getLevelSummaries = jest.fn(async (refs: string[]) => ({
      summaries: refs
        .filter(r => r !== 'component:default/svc-17')
        .map(r => {
          const i = Number(r.split('-').pop());
          return summary(`svc-${i}`, i % 4, i === 3 ? null : 2);
        }),
    }));
    await renderTable(rows, { getLevelSummaries });

    await waitFor(
      () =>
        expect(
          screen.getAllByRole('link', { name: /^DSOMM level/ }),
        ).toHaveLength(17),
      untilTimeout,
    );
    const labelOf = (name: string) =>
      screen
        .getAllByRole('link', { name: /^DSOMM level/ })
        .find(
          link =>
            link.getAttribute('href') ===
            `/catalog/default/component/${name}/dsomm`,
        )
        ?.getAttribute('aria-label');
    expect(labelOf('svc-1')).toBe('DSOMM level 1 of target 2, below target');
    expect(labelOf('svc-2')).toBe('DSOMM level 2 of target 2');
    expect(labelOf('svc-3')).toBe('DSOMM level 3, no target');
    expect(labelOf('svc-4')).toBe('DSOMM level 0 of target 2, below target');
    const [below] = screen.getAllByRole('link', {
      name: 'DSOMM level 0 of target 2, below target',
    });
    expect(within(below).getByText('0')).toHaveAttribute(
      'title',
      'DSOMM level: level 0',
    );
    expect(within(below).getByText('below target')).toBeInTheDocument();
    expect(screen.getByText('Not scored')).toBeInTheDocument();

    // One request for every component row; groups and systems are not asked for.
    expect(getLevelSummaries).toHaveBeenCalledTimes(1);
    expect([...getLevelSummaries.mock.calls[0][0]].sort()).toEqual(
      names.map(n => `component:default/${n}`).sort(),
    );
    expect(screen.getAllByRole('link', { name: /^DSOMM level/ })).toHaveLength(
      17,
    );
  });

  it('says the level is unavailable when the backend fails', async () => {
    const getLevelSummaries = jest.fn(async () => {
      throw new Error('backend down');
    });
    await renderTable([{ entity: entity('Component', 'lonely') }], {
      getLevelSummaries,
    });
    expect(
      await screen.findByText('Unavailable', undefined, untilTimeout),
    ).toHaveAttribute('title', 'DSOMM level could not be loaded: backend down');
  });
});
