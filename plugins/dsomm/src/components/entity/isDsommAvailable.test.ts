import { isDsommAvailable } from './isDsommAvailable';

describe('isDsommAvailable', () => {
  const entity = (kind: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
  });

  it('is true for Components only', () => {
    expect(isDsommAvailable(entity('Component'))).toBe(true);
    expect(isDsommAvailable(entity('component'))).toBe(true);
    expect(isDsommAvailable(entity('API'))).toBe(false);
    expect(isDsommAvailable(entity('System'))).toBe(false);
  });
});
