import { component } from '../__testUtils__/entities';
import { entityFacts, resolveTier } from './entityFacts';

const settings = {
  label: 'tier',
  lifecycle: { production: 'standard', experimental: 'experimental' },
  default: 'unclassified',
};

describe('resolveTier', () => {
  it('prefers the annotation, then the label, then the lifecycle, then the default', () => {
    const e = component(
      'x',
      { lifecycle: 'production' },
      { 'dsomm.owasp.org/tier': 'critical' },
    );
    e.metadata.labels = { tier: 'gold' };
    expect(resolveTier(e, settings)).toBe('critical');
    delete e.metadata.annotations;
    expect(resolveTier(e, settings)).toBe('gold');
    delete e.metadata.labels;
    expect(resolveTier(e, settings)).toBe('standard');
    e.spec!.lifecycle = 'deprecated';
    expect(resolveTier(e, settings)).toBe('unclassified');
    expect(resolveTier(e, { lifecycle: {} })).toBeUndefined();
  });
});

describe('entityFacts', () => {
  it('normalises relation refs to lower-case full refs and finds the domain', () => {
    const e = component('My-Service', { owner: 'Team-A', system: 'Payments' });
    e.metadata.namespace = 'Prod';
    e.metadata.title = 'My service';
    const facts = entityFacts(
      e,
      settings,
      new Map([['system:prod/payments', 'domain:prod/commerce']]),
    );
    expect(facts).toEqual({
      entityRef: 'component:prod/my-service',
      kind: 'component',
      namespace: 'Prod',
      name: 'My-Service',
      title: 'My service',
      owner: 'group:prod/team-a',
      system: 'system:prod/payments',
      domain: 'domain:prod/commerce',
      tier: 'standard',
      lifecycle: 'production',
      specType: 'service',
    });
  });

  it('keeps explicit kinds and tolerates missing or malformed relations', () => {
    const e = component('x', { owner: 'user:default/jane', system: 42 });
    const facts = entityFacts(e, settings, new Map());
    expect(facts.owner).toBe('user:default/jane');
    expect(facts.system).toBeUndefined();
    expect(facts.domain).toBeUndefined();
  });
});
