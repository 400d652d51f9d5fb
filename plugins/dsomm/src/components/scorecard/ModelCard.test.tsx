import { ResponseError } from '@backstage/errors';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelCard, modelDescription } from './ModelCard';
import { mockDsommApi, renderWithApi } from './__testUtils__/testApi';
import { summarizeModel } from './modelSummary';

describe('ModelCard', () => {
  const model = getBuiltInModel();

  it('names the model and, opened, counts activities per level and sub-dimension', async () => {
    await renderWithApi(
      <ModelCard />,
      mockDsommApi({ getModel: jest.fn().mockResolvedValue(model) }),
    );

    expect(
      await screen.findByText(modelDescription(model)),
    ).toBeInTheDocument();
    expect(modelDescription(model)).toMatch(
      /^OWASP DSOMM \S+.*: \d+ activities in \d+ dimensions\.$/,
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Model/ }));

    const summaries = summarizeModel(model);
    expect(await screen.findAllByRole('table')).toHaveLength(summaries.length);
    const first = summaries[0];
    const table = screen.getByRole('table', {
      name: `Activities per level in ${first.name}`,
    });
    const row = within(table)
      .getByText(first.subDimensions[0].name, { selector: 'th' })
      .closest('tr')!;
    const cells = Array.from(row.querySelectorAll('td')).map(td =>
      Number(td.textContent),
    );
    expect(cells.slice(0, 5).reduce((a, b) => a + b, 0)).toBe(cells[5]);
    expect(cells[5]).toBe(
      model.dimensions[0].subDimensions[0].activityIds.length,
    );
  });

  it('shows an error panel when the model cannot be loaded', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'model file unreadable' },
          request: { method: 'GET', url: '/api/dsomm/model' },
          response: { statusCode: 500 },
        }),
        { status: 500, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderWithApi(
      <ModelCard />,
      mockDsommApi({ getModel: jest.fn().mockRejectedValue(error) }),
    );
    expect(
      await screen.findByText('model file unreadable'),
    ).toBeInTheDocument();
  });
});
