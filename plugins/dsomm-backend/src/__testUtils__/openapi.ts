import fs from 'fs';
import path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const spec = parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(spec, 'spec');

/** The OpenAPI document, parsed. */
export const openApiSpec = spec;

/**
 * Throws unless `body` matches the response schema the spec gives for the operation and
 * status (or the status is not in the spec at all).
 */
export function assertMatchesSpec(
  method: 'get' | 'post' | 'patch' | 'delete',
  specPath: string,
  res: { status: number; body: unknown },
): void {
  const operation = spec.paths[specPath]?.[method];
  if (!operation) throw new Error(`spec has no ${method} ${specPath}`);
  let response = operation.responses[String(res.status)];
  if (!response) {
    throw new Error(
      `spec has no ${res.status} response for ${method} ${specPath}`,
    );
  }
  if (response.$ref) {
    response = spec.components.responses[response.$ref.split('/').pop()];
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return;
  // Inline schemas refer to the document's components: point those refs at the added spec.
  const validate = schema.$ref
    ? ajv.getSchema(`spec${schema.$ref}`)
    : ajv.compile(
        JSON.parse(
          JSON.stringify(schema).replace(
            /"#\/components\//g,
            '"spec#/components/',
          ),
        ),
      );
  if (!validate) throw new Error(`cannot resolve ${schema.$ref}`);
  if (!validate(res.body)) {
    throw new Error(
      `${method.toUpperCase()} ${specPath} ${
        res.status
      } does not match the spec: ${ajv.errorsText(validate.errors)}`,
    );
  }
}
