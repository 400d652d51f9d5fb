import { describeSpecError } from './specErrors';

describe('describeSpecError', () => {
  it('names a query or path parameter and quotes what was sent', () => {
    expect(
      describeSpecError(
        'request/query/limit must be <= 500',
        { query: { limit: 501 } },
        undefined,
      ),
    ).toBe('limit: must be <= 500; got 501');
    expect(
      describeSpecError(
        'request/params/name must match pattern "^[a-z]+$"',
        { params: { name: ' bad' } },
        undefined,
      ),
    ).toBe('name: must match pattern "^[a-z]+$"; got " bad"');
  });

  it('says "one of" for an enum, counts a list and leaves out objects', () => {
    expect(
      describeSpecError(
        'request/query/groupBy must be equal to one of the allowed values: owner, tier',
        { query: { groupBy: 'team' } },
        undefined,
      ),
    ).toBe('groupBy: must be one of owner, tier; got "team"');
    expect(
      describeSpecError(
        'request/query/groupBy must be string',
        { query: { groupBy: ['owner', 'tier'] } },
        undefined,
      ),
    ).toBe('groupBy: must be string; got 2 items');
    expect(
      describeSpecError(
        'request/body/link must be string',
        { body: { link: { href: 'x' } } },
        undefined,
      ),
    ).toBe('body.link: must be string');
  });

  it('names a missing or nested body field', () => {
    expect(
      describeSpecError(
        "request/body must have required property 'comment'",
        { body: { activity: 'a' } },
        undefined,
      ),
    ).toBe('body.comment: is required');
    expect(
      describeSpecError(
        'request/body/activities/1 must NOT have fewer than 1 characters',
        { body: { activities: ['a', ''] } },
        undefined,
      ),
    ).toBe('body.activities[1]: must NOT have fewer than 1 characters; got ""');
  });

  it('names unknown body fields from the operation schema', () => {
    expect(
      describeSpecError(
        'request/body must NOT have additional properties',
        { body: { activity: 'a', extra: 1 } },
        { properties: { activity: {}, comment: {} } },
      ),
    ).toBe('body.extra: unknown field; expected activity, comment');
    // Without the schema the validator's words are kept, still pointing at the body.
    expect(
      describeSpecError(
        'request/body must NOT have additional properties',
        { body: { extra: 1 } },
        undefined,
      ),
    ).toBe('body: must NOT have additional properties');
  });

  it('rewords each of several errors and cuts long values short', () => {
    expect(
      describeSpecError(
        'request/query/days must be >= 1, request/query/source must NOT have more than 5 characters',
        { query: { days: 0, source: 'x'.repeat(150) } },
        undefined,
      ),
    ).toBe(
      `days: must be >= 1; got 0, source: must NOT have more than 5 characters; got "${'x'.repeat(
        100,
      )}…"`,
    );
  });

  it('says which content types an operation takes', () => {
    expect(
      describeSpecError('unsupported media type text/plain', {}, undefined, [
        'application/json',
      ]),
    ).toBe(
      'body: must be a JSON object, sent as application/json; got text/plain',
    );
    expect(
      describeSpecError('media type not specified', {}, undefined, [
        'application/yaml',
        'application/json',
      ]),
    ).toBe(
      'body: must be sent as application/yaml or application/json; got no Content-Type',
    );
  });

  it('leaves messages that are not about the request as they are', () => {
    expect(describeSpecError('Invalid spec defined', {}, undefined)).toBe(
      'Invalid spec defined',
    );
  });
});
