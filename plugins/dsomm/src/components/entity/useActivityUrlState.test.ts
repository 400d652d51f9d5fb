import {
  ActivityFilters,
  filtersFromParams,
  paramsWithFilters,
} from './useActivityUrlState';

const none: ActivityFilters = {
  status: '',
  level: '',
  dimension: '',
  origin: '',
  text: '',
};

describe('filtersFromParams', () => {
  it('uses the default status when the URL names none, and "all" for no filter', () => {
    expect(filtersFromParams(new URLSearchParams(''), 'needed')).toEqual({
      ...none,
      status: 'needed',
    });
    expect(
      filtersFromParams(new URLSearchParams('status=all'), 'needed'),
    ).toEqual(none);
  });

  it('reads every filter and ignores values it does not know', () => {
    expect(
      filtersFromParams(
        new URLSearchParams(
          'status=beyond&level=3&dimension=Implementation&evidence=inherited&q=sign',
        ),
        '',
      ),
    ).toEqual({
      status: 'beyond',
      level: '3',
      dimension: 'Implementation',
      origin: 'inherited',
      text: 'sign',
    });
    expect(
      filtersFromParams(
        new URLSearchParams('status=<script>&level=9&evidence=everyone'),
        '',
      ),
    ).toEqual(none);
  });
});

describe('paramsWithFilters', () => {
  it('writes filters, keeps other parameters and round-trips', () => {
    const start = new URLSearchParams('activity=signing-of-code&tab=x');
    const filters = {
      status: 'missing' as const,
      level: '2',
      dimension: '',
      origin: 'own' as const,
      text: 'sign',
    };
    const next = paramsWithFilters(start, filters, 'needed');
    expect(next.toString()).toBe(
      'activity=signing-of-code&tab=x&status=missing&level=2&evidence=own&q=sign',
    );
    expect(filtersFromParams(next, 'needed')).toEqual(filters);
    // The input is not changed.
    expect(start.toString()).toBe('activity=signing-of-code&tab=x');
  });

  it('leaves the default status out and writes "all" for no status filter', () => {
    expect(
      paramsWithFilters(
        new URLSearchParams('status=missing'),
        { ...none, status: 'needed' },
        'needed',
      ).toString(),
    ).toBe('');
    const all = paramsWithFilters(new URLSearchParams(), none, 'needed');
    expect(all.toString()).toBe('status=all');
    expect(filtersFromParams(all, 'needed').status).toBe('');
    expect(paramsWithFilters(new URLSearchParams(), none, '').toString()).toBe(
      '',
    );
  });
});
