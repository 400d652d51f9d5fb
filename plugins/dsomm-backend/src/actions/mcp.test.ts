import { AddressInfo } from 'net';
import {
  TestDatabases,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { testConfig } from '../__testUtils__/entities';

jest.setTimeout(60_000);

/**
 * An AI assistant's view: Backstage's MCP actions backend serves DSOMM's registered actions
 * as MCP tools, and an MCP client lists and calls them over streamable HTTP, as the local
 * portal does. SQLite only: the database path is the actions API test's.
 */
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

it('serves the DSOMM actions as MCP tools that an MCP client lists and calls', async () => {
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      ...dsommTestFeatures({
        knex,
        config: {
          ...testConfig,
          backend: { actions: { pluginSources: ['dsomm'] } },
        },
      }),
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      mcpActionsPlugin,
    ],
  });
  const { port } = server.address() as AddressInfo;
  const client = new Client({ name: 'dsomm-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`http://localhost:${port}/api/mcp-actions/v1`),
    {
      requestInit: {
        headers: { Authorization: mockCredentials.user.header() },
      },
    },
  );
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const names = tools.map(t => t.name).sort();
    expect(names).toEqual([
      'dsomm.attest-activity',
      'dsomm.campaign-status',
      'dsomm.explain-gap',
      'dsomm.get-entity-score',
      'dsomm.list-expiring',
      'dsomm.query-scorecard',
      'dsomm.request-waiver',
    ]);
    const scoreTool = tools.find(t => t.name === 'dsomm.get-entity-score')!;
    expect(scoreTool.inputSchema.required).toEqual(['entityRef']);
    expect(scoreTool.annotations).toMatchObject({ readOnlyHint: true });

    const result = await client.callTool({
      name: 'dsomm.get-entity-score',
      arguments: { entityRef: 'component:default/beta' },
    });
    expect(result.isError).toBeFalsy();
    const text = (result.content as { type: string; text: string }[])
      .filter(c => c.type === 'text')
      .map(c => c.text)
      .join('');
    const output = JSON.parse(text.slice(text.indexOf('{')));
    expect(output).toMatchObject({
      entityRef: 'component:default/beta',
      tier: 'standard',
      targetLevel: 2,
    });

    // An unknown component comes back as a tool error naming it, not a crash.
    const missing = await client.callTool({
      name: 'dsomm.get-entity-score',
      arguments: { entityRef: 'component:default/nope' },
    });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toMatch(/nope/);
  } finally {
    await client.close();
  }
});
