import { annotationSnippet, backendBaseUrl, uploadCommand } from './startState';

describe('start panel texts', () => {
  it('declares the given activity keys in one annotation', () => {
    expect(
      annotationSnippet(['version-control', 'defined-build-process']),
    ).toBe(
      'metadata:\n  annotations:\n    dsomm.owasp.org/implemented: version-control,defined-build-process',
    );
  });

  it('takes the backend base URL from the plugin URL', () => {
    expect(backendBaseUrl('http://localhost:7007/api/dsomm')).toBe(
      'http://localhost:7007',
    );
    expect(backendBaseUrl('https://portal.example.com/api/dsomm/')).toBe(
      'https://portal.example.com',
    );
    // A plugin mounted elsewhere keeps its URL.
    expect(backendBaseUrl('https://dsomm.example.com')).toBe(
      'https://dsomm.example.com',
    );
  });

  it('names the backend and the component in the upload command', () => {
    expect(
      uploadCommand('http://localhost:7007', 'component:default/payments-api'),
    ).toBe(
      'npx @dsomm/dsomm-upload --url http://localhost:7007 --token "$DSOMM_TOKEN" --entity component:default/payments-api <report.json>',
    );
  });
});
