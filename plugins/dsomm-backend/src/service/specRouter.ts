import { TypedRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import { ErrorRequestHandler, RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import Router from 'express-promise-router';
import { EndpointMap, spec } from '../schema/openapi.generated';

/**
 * The validating router of `@backstage/backend-openapi-utils`, with the validator built once
 * per process.
 *
 * express-openapi-validator compiles the whole spec on the first request each instance sees
 * (about half a second for this spec). The spec and options never change, so every router
 * shares one instance: a backend pays once, and a test run that starts hundreds of backends
 * in one process no longer pays per backend.
 */
let validator: RequestHandler[] | undefined;

function specValidator(): RequestHandler[] {
  validator ??= OpenApiValidator.middleware({
    apiSpec: spec as any,
    useRequestUrl: true,
    ignoreUndocumented: true,
    validateResponses: false,
    validateRequests: {
      coerceTypes: false,
      // Unknown query parameters are ignored, as they always were.
      allowUnknownQueryParameters: true,
    },
    // Auth is Backstage's, not the spec's security scheme.
    validateSecurity: false,
    // Multipart report uploads are streamed by readReportBody, not buffered by multer.
    fileUploader: false,
    // A team progress body is YAML or JSON text read with its own size limit; the validator
    // would need it parsed first. Its team query is parsed by hand. (The validator tests the
    // path with the plugin's mount point in front.)
    ignorePaths: /\/progress\/import$/,
  });
  return validator;
}

const asInputError: ErrorRequestHandler = (error, _req, _res, next) =>
  next(new InputError(error.message));

/**
 * A router that checks each request's path parameters, query and JSON body against the
 * spec (src/schema/openapi.yaml) before any route handler runs, with handlers typed by the
 * generated endpoint map. JSON bodies are parsed before it, by the caller.
 */
export function createSpecRouter(): TypedRouter<EndpointMap> {
  const router = Router();
  router.use(specValidator());
  router.use(asInputError);
  // The spec, with paths as mounted, where Backstage's OpenAPI tooling looks for it.
  router.get('/openapi.json', (req, res) => {
    const prefix = req.originalUrl.replace(/\/openapi\.json(\?.*)?$/, '');
    res.json({
      ...spec,
      paths: Object.fromEntries(
        Object.entries(spec.paths).map(([path, item]) => [prefix + path, item]),
      ),
    });
  });
  return router as unknown as TypedRouter<EndpointMap>;
}
