import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { component } from '../__testUtils__/entities';
import { readDsommConfig } from '../config/readDsommConfig';
import { applyMaxAge, scoreCatalogEntity } from './scoreCatalogEntity';

const model = getBuiltInModel();
const SECRETS = 'c6e3c812-56e2-41b0-ae01-b7afc41a004c';
const now = new Date('2026-06-01T00:00:00Z');

describe('applyMaxAge', () => {
  const maxAge = { annotation: undefined, report: 30, attestation: 10 };
  it('expires evidence at observation + max age unless it expires earlier', () => {
    const items = applyMaxAge(
      [
        {
          activityId: 'a',
          source: 'report',
          observedAt: '2026-01-01T00:00:00Z',
        },
        {
          activityId: 'a',
          source: 'attestation',
          observedAt: '2026-01-01T00:00:00Z',
          expiresAt: '2026-01-05T00:00:00.000Z',
        },
        {
          activityId: 'a',
          source: 'attestation',
          observedAt: '2026-01-01T00:00:00Z',
          expiresAt: '2027-01-01T00:00:00.000Z',
        },
        {
          activityId: 'a',
          source: 'annotation',
          observedAt: '2026-01-01T00:00:00Z',
        },
      ],
      maxAge,
    );
    expect(items.map(i => i.expiresAt)).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-01-05T00:00:00.000Z',
      '2026-01-11T00:00:00.000Z',
      undefined,
    ]);
  });
});

describe('scoreCatalogEntity', () => {
  const config = readDsommConfig(
    new ConfigReader({ dsomm: { evidence: { maxAgeDays: { report: 30 } } } }),
    model,
  );
  const ctx = { model, config, domainOfSystem: new Map(), now };
  const entity = component('x', { owner: 'team-a' });

  it('counts an activity listed twice (by key and by uuid) once', () => {
    const score = scoreCatalogEntity(
      component(
        'twice',
        {},
        {
          'dsomm.owasp.org/implemented': `test-for-stored-secrets-in-code, ${SECRETS}`,
        },
      ),
      { evidence: [], waivers: [] },
      ctx,
    );
    expect(score.activities).toEqual([
      expect.objectContaining({ activityId: SECRETS, status: 'implemented' }),
    ]);
    expect(score.activities[0].evidence).toHaveLength(1);
  });

  it('lets an expired waiver lapse', () => {
    const waiver = {
      id: 'w',
      entityRef: 'component:default/x',
      activityId: SECRETS,
      justification: 'n/a',
      grantedBy: 'user:default/jane',
      grantedAt: '2026-01-01T00:00:00Z',
    };
    const live = scoreCatalogEntity(
      entity,
      {
        evidence: [],
        waivers: [{ ...waiver, expiresAt: '2026-07-01T00:00:00Z' }],
      },
      ctx,
    );
    expect(live.activities.find(a => a.activityId === SECRETS)?.status).toBe(
      'not-applicable',
    );
    const lapsed = scoreCatalogEntity(
      entity,
      {
        evidence: [],
        waivers: [{ ...waiver, expiresAt: '2026-05-01T00:00:00Z' }],
      },
      ctx,
    );
    // missing activities are not stored
    expect(
      lapsed.activities.find(a => a.activityId === SECRETS),
    ).toBeUndefined();
  });

  it('marks report evidence older than the max age stale', () => {
    const score = scoreCatalogEntity(
      entity,
      {
        evidence: [
          {
            activityId: SECRETS,
            source: 'report',
            observedAt: '2026-04-01T00:00:00Z',
          },
        ],
        waivers: [],
      },
      ctx,
    );
    expect(score.activities.find(a => a.activityId === SECRETS)?.status).toBe(
      'stale',
    );
    const fresh = scoreCatalogEntity(
      entity,
      {
        evidence: [
          {
            activityId: SECRETS,
            source: 'report',
            observedAt: '2026-05-20T00:00:00Z',
          },
        ],
        waivers: [],
      },
      ctx,
    );
    expect(fresh.activities.find(a => a.activityId === SECRETS)?.status).toBe(
      'implemented',
    );
    expect(fresh.facts.owner).toBe('group:default/team-a');
    expect(fresh.meetsTarget).toBe(false);
    expect(fresh.target).toEqual({ level: 1, dimensions: {} });
  });

  it('marks annotation evidence first seen longer ago than maxAgeDays.annotation stale', () => {
    const listed = component(
      'x',
      { owner: 'team-a' },
      { 'dsomm.owasp.org/implemented': SECRETS },
    );
    const aging = readDsommConfig(
      new ConfigReader({
        dsomm: { evidence: { maxAgeDays: { annotation: 30 } } },
      }),
      model,
    );
    const statusSeenAt = (firstSeenAt: string, c = aging) =>
      scoreCatalogEntity(
        listed,
        {
          evidence: [],
          waivers: [],
          annotationsFirstSeen: new Map([
            ['dsomm.owasp.org/implemented', firstSeenAt],
          ]),
        },
        { ...ctx, config: c },
      ).activities.find(a => a.activityId === SECRETS)?.status;
    expect(statusSeenAt('2026-04-01T00:00:00.000Z')).toBe('stale');
    expect(statusSeenAt('2026-05-20T00:00:00.000Z')).toBe('implemented');
    // without the setting nothing ages
    expect(statusSeenAt('2020-01-01T00:00:00.000Z', config)).toBe(
      'implemented',
    );
  });
});
