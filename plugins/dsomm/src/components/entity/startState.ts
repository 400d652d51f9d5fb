/**
 * The ready-to-copy texts of the tab's start panel, for one component. Pure, so the exact
 * texts are tested directly.
 */

/** The `catalog-info.yaml` lines that declare `keys` implemented. */
export function annotationSnippet(keys: string[]): string {
  return [
    'metadata:',
    '  annotations:',
    `    dsomm.owasp.org/implemented: ${keys.join(',')}`,
  ].join('\n');
}

/**
 * The Backstage backend's base URL from the DSOMM plugin's (`.../api/dsomm`), as the
 * uploader's `--url` takes it.
 */
export function backendBaseUrl(pluginBaseUrl: string): string {
  return pluginBaseUrl.replace(/\/+$/, '').replace(/\/api\/dsomm$/, '');
}

/** The CI step that uploads a scanner report for this component. */
export function uploadCommand(backendUrl: string, entityRef: string): string {
  return `npx @dsomm/dsomm-upload --url ${backendUrl} --token "$DSOMM_TOKEN" --entity ${entityRef} <report.json>`;
}
