/** The part of an operation's request body schema needed to name unknown fields. */
export interface BodySchema {
  properties?: Record<string, unknown>;
}

/** What the request carried, to quote the value that failed. */
export interface RequestParts {
  query?: unknown;
  params?: unknown;
  body?: unknown;
}

/**
 * Rewords a spec validation message in the plugin's `<field>: <problem>; got <value>` style.
 * The validator says `request/query/limit must be <= 500` or `request/body must NOT have
 * additional properties`; callers read `limit: must be <= 500; got 501` or `body.extra:
 * unknown field; expected activity, comment`. The unknown field is looked up in the body,
 * since the validator's message does not name it; a refused Content-Type is answered with the
 * operation's `contentTypes`.
 */
export function describeSpecError(
  message: string,
  request: RequestParts,
  bodySchema: BodySchema | undefined,
  contentTypes: string[] = [],
): string {
  const media =
    /^(?:unsupported media type (.+)|media type not specified)$/.exec(message);
  if (media) {
    const got = media[1] ? `got ${media[1]}` : 'got no Content-Type';
    return contentTypes.length === 1 && contentTypes[0] === 'application/json'
      ? `body: must be a JSON object, sent as application/json; ${got}`
      : `body: must be sent as ${contentTypes.join(' or ')}; ${got}`;
  }
  return message.replace(
    /request\/(query|params|body|headers)((?:\/[^\s/]+)*) (.*?)(?=, request\/|$)/g,
    (_all, where: string, rest: string, problem: string) => {
      const segments = rest.split('/').filter(Boolean);
      const required = /^must have required property '([^']+)'$/.exec(problem);
      if (required) segments.push(required[1]);
      // Items of a list are written as [i], as the plugin's own messages do.
      const path = segments
        .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
        .join('');
      const field =
        where === 'body' ? `body${path}` : path.replace(/^\./, '') || where;
      if (required) return `${field}: is required`;
      if (
        where === 'body' &&
        segments.length === 0 &&
        problem === 'must NOT have additional properties'
      ) {
        return unknownFields(request.body, bodySchema) ?? `body: ${problem}`;
      }
      const wording = problem.replace(
        /^must be equal to one of the allowed values:/,
        'must be one of',
      );
      const value = valueAt(request[where as keyof RequestParts], segments);
      return `${field}: ${wording}${
        value === undefined ? '' : `; got ${value}`
      }`;
    },
  );
}

/** A plain value at the path, quoted and cut short; a list's length; nothing for objects. */
function valueAt(root: unknown, segments: string[]): string | undefined {
  let node = root;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  if (typeof node === 'string') {
    return JSON.stringify(node.length > 100 ? `${node.slice(0, 100)}…` : node);
  }
  if (typeof node === 'number' || typeof node === 'boolean') {
    return String(node);
  }
  if (Array.isArray(node)) return `${node.length} items`;
  return undefined;
}

function unknownFields(
  body: unknown,
  schema: BodySchema | undefined,
): string | undefined {
  if (!schema?.properties || typeof body !== 'object' || body === null) {
    return undefined;
  }
  const allowed = Object.keys(schema.properties);
  const unknown = Object.keys(body).filter(key => !allowed.includes(key));
  if (unknown.length === 0) return undefined;
  return `${unknown
    .map(key => `body.${key}`)
    .join(', ')}: unknown field; expected ${allowed.join(', ')}`;
}
