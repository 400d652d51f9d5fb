import {
  DIGEST_TOPIC,
  MAX_LINES,
  PendingNotification,
  digestMessages,
  immediateMessages,
  isoWeek,
} from './messages';
import { weekStart } from './Notifier';

const event = (
  key: string,
  over: Partial<PendingNotification> = {},
): PendingNotification => ({
  key,
  kind: 'sla-passed',
  owner: 'group:default/team-a',
  entityRef: 'component:default/shop',
  text: `text ${key}`,
  link: '/catalog/default/component/shop/dsomm',
  severity: 'high',
  createdAt: '2026-11-25T10:00:00.000Z',
  ...over,
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-30T00:00:00.000Z', '2026-W49'],
    ['2026-11-29T23:59:59.000Z', '2026-W48'],
    // Around new year the Thursday decides the year.
    ['2021-01-03T12:00:00.000Z', '2020-W53'],
    ['2024-12-30T00:00:00.000Z', '2025-W01'],
    ['2026-01-01T00:00:00.000Z', '2026-W01'],
    ['2027-01-01T00:00:00.000Z', '2026-W53'],
  ])('%s is in %s', (time, week) => {
    expect(isoWeek(time)).toBe(week);
  });

  it('agrees with weekStart: a week starts on Monday 00:00 UTC', () => {
    for (let d = 0; d < 800; d += 1) {
      const time = new Date(Date.UTC(2025, 11, 1) + d * 3600_000 * 7);
      const start = weekStart(time);
      expect(start.getUTCDay()).toBe(1);
      expect(isoWeek(start)).toBe(isoWeek(time));
      expect(isoWeek(new Date(start.getTime() - 1))).not.toBe(isoWeek(time));
    }
  });
});

describe('immediateMessages', () => {
  it('makes one message per owner, component and kind, listing several events', () => {
    const messages = immediateMessages([
      event('k2'),
      event('k1', { severity: 'critical' }),
      event('k3', { kind: 'level-dropped' }),
      event('k4', { owner: 'group:default/team-b' }),
    ]);
    expect(messages.map(m => [m.owner, m.topic, m.keys, m.severity])).toEqual([
      ['group:default/team-a', 'dsomm-sla-passed', ['k1', 'k2'], 'critical'],
      ['group:default/team-a', 'dsomm-level-dropped', ['k3'], 'high'],
      ['group:default/team-b', 'dsomm-sla-passed', ['k4'], 'high'],
    ]);
    expect(messages[0].title).toBe(
      'DSOMM: findings past their SLA: component:default/shop (2 events)',
    );
    expect(messages[0].description).toBe('- text k1\n- text k2');
    expect(messages[1].title).toBe(
      'DSOMM level dropped: component:default/shop',
    );
    expect(messages[1].description).toBe('text k3');
    // Each message has its own scope, so the notifications backend does not merge them.
    expect(new Set(messages.map(m => m.scope)).size).toBe(3);
  });

  it('lists at most MAX_LINES events and counts the rest', () => {
    const many = Array.from({ length: MAX_LINES + 5 }, (_, i) =>
      event(`k${String(i).padStart(3, '0')}`),
    );
    const [message] = immediateMessages(many);
    expect(message.keys).toHaveLength(MAX_LINES + 5);
    expect(message.description.split('\n')).toHaveLength(MAX_LINES + 1);
    expect(message.description).toMatch(/- and 5 more$/);
  });
});

describe('digestMessages', () => {
  it('makes one message per owner and ISO week, by kind', () => {
    const messages = digestMessages([
      event('a', { createdAt: '2026-11-23T00:00:00.000Z' }),
      event('b', {
        kind: 'expiring',
        text: 'expires',
        severity: 'normal',
        createdAt: '2026-11-29T23:00:00.000Z',
      }),
      event('c', { createdAt: '2026-11-30T00:00:00.000Z' }),
      event('d', {
        owner: 'group:default/team-b',
        createdAt: '2026-11-24T00:00:00.000Z',
      }),
    ]);
    expect(messages.map(m => [m.owner, m.title, m.keys])).toEqual([
      [
        'group:default/team-a',
        'DSOMM weekly digest 2026-W48: 2 events',
        ['a', 'b'],
      ],
      ['group:default/team-a', 'DSOMM weekly digest 2026-W49: 1 event', ['c']],
      ['group:default/team-b', 'DSOMM weekly digest 2026-W48: 1 event', ['d']],
    ]);
    expect(messages[0].description).toBe(
      'DSOMM: findings past their SLA (1):\n- text a\n\nDSOMM evidence expires soon (1):\n- expires',
    );
    expect(messages.every(m => m.topic === DIGEST_TOPIC)).toBe(true);
    expect(messages[0].scope).toBe(
      'dsomm:digest:group:default/team-a:2026-W48',
    );
  });
});
