import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DsommModel } from '@dsomm/plugin-dsomm-common';
import { DsommApi } from './DsommApi';

/**
 * Default {@link DsommApi} implementation, talking to the DSOMM backend plugin over HTTP.
 *
 * @public
 */
export class DsommClient implements DsommApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getModel(): Promise<DsommModel> {
    return this.get<DsommModel>('/model');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dsomm');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
