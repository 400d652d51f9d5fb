import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DsommModel,
  ORGANIZATION_SCOPE_REF,
  ROLLUP_KINDS,
  SCORECARD_FILTERS,
  ScorecardFilterKey,
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommAuditReadPermission,
  dsommCampaignManagePermission,
  dsommOrganizationManagePermission,
  dsommRefreshPermission,
  dsommReportCreatePermission,
  dsommWaiverApprovePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { ScorecardQuery } from '../database/DsommStore';
import { normalizeRef } from '../scoring/entityFacts';
import { evidenceRules } from '../evidence/evidenceRules';
import { readReportBody } from '../reports/readBody';
import {
  ParseQueueFullError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../reports/errors';
import { checkReportSource } from './reportSource';
import { parseGroupRef, parseTeamMappings } from '../progress/mapTeams';
import { readProgressBody } from '../progress/readProgressBody';
import { teamProgressYaml } from '../progress/serialiseTeamProgress';
import { AttestationInput, EntityService, WaiverInput } from './EntityService';
import { AuditService } from './AuditService';
import { ApprovalService, mayDecideOrganization } from './ApprovalService';
import { ApprovalRecordType } from '../database/approvals';
import { CampaignService } from '../campaigns/CampaignService';
import {
  readCampaignInput,
  readCampaignPatch,
} from '../campaigns/campaignInput';
import { ProgressService } from './ProgressService';
import { ReportService } from './ReportService';
import { RollupService } from './RollupService';
import { LiftPreviewService } from '../rollup/LiftPreviewService';
import { readPreviewInput } from '../rollup/previewInput';
import { ScorecardService } from './ScorecardService';
import { GateService } from '../gate/GateService';
import { parseFailOn } from '../gate/gateFailures';
import { LevelSummaryService } from './LevelSummaryService';
import { parseLevelSummaryRequest } from './levelSummaryRequest';
import { VisibilityService } from './visibility';
import {
  authorizeBasic as authorizeBasicPermission,
  authorizeForEntity,
} from './authorize';
import {
  bodyDate,
  bodyText,
  bodyUrl,
  fullEntityRef,
  queryList,
} from './validation';
import { GetScorecardQuery } from '../schema/openapi.generated';
import { createSpecRouter } from './specRouter';
import { BodySchema, describeSpecError } from './specErrors';

export interface RouterOptions {
  model: DsommModel;
  config: DsommBackendConfig;
  entities: EntityService;
  scorecard: ScorecardService;
  visibility: VisibilityService;
  reports: ReportService;
  rollups: RollupService;
  liftPreviews: LiftPreviewService;
  progress: ProgressService;
  levelSummaries: LevelSummaryService;
  audit: AuditService;
  approvals: ApprovalService;
  campaigns: CampaignService;
  auditor: AuditorService;
  gates: GateService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
}

/**
 * The entity ref named by the `:kind/:namespace/:name` path parameters, whose characters are
 * checked against the spec's `EntityRefPart` pattern.
 */
function entityRefOf(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return normalizeRef(`${params.kind}:${params.namespace}/${params.name}`);
}

/** The `entity` query parameter (required by the spec) as a full, lower-case entity ref. */
function entityRefFromQuery(value: string): string {
  return fullEntityRef(value, 'entity');
}

function scorecardFilters(query: object): ScorecardQuery['filters'] {
  const filters: ScorecardQuery['filters'] = {};
  for (const key of SCORECARD_FILTERS) {
    const values = queryList(query, key);
    if (values) {
      // Refs and kinds are stored in lower case; tiers, lifecycles and types as written.
      filters[key as ScorecardFilterKey] =
        key === 'tier' || key === 'lifecycle' || key === 'type'
          ? values
          : values.map(normalizeRef);
    }
  }
  return filters;
}

/** The body of an attestation; its shape and lengths are already checked against the spec. */
function attestationInput(body: {
  activity: string;
  comment: string;
  link?: string;
  expiresAt?: string;
}): AttestationInput {
  return {
    activity: bodyText(body, 'activity')!,
    comment: bodyText(body, 'comment')!,
    link: bodyUrl(body, 'link'),
    expiresAt: bodyDate(body, 'expiresAt'),
  };
}

/** The body of a waiver; its shape and lengths are already checked against the spec. */
function waiverInput(body: {
  activity: string;
  justification: string;
  expiresAt?: string;
}): WaiverInput {
  return {
    activity: bodyText(body, 'activity')!,
    justification: bodyText(body, 'justification')!,
    expiresAt: bodyDate(body, 'expiresAt'),
  };
}

/** Bodies read as streams by their routes, with their own size limits: never parsed up front. */
const STREAMED_BODIES = new Set(['/reports', '/progress/import']);

/**
 * Spec validation errors arrive as InputErrors worded by the validator; say them in the
 * plugin's `<field>: <problem>` style, naming an unknown body field.
 */
function specErrorWording(
  error: unknown,
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  if (!(error instanceof InputError)) {
    next(error);
    return;
  }
  const openapi = (
    req as Request & {
      openapi?: {
        pathParams?: Record<string, string>;
        schema?: {
          requestBody?: {
            content?: Record<string, { schema?: BodySchema }>;
          };
        };
      };
    }
  ).openapi;
  const content = openapi?.schema?.requestBody?.content ?? {};
  // Path parameters are only on req.params once a route matched; the validator has them.
  const parts = {
    query: req.query,
    params: openapi?.pathParams,
    body: req.body,
  };
  next(
    new InputError(
      describeSpecError(
        error.message,
        parts,
        content['application/json']?.schema,
        Object.keys(content),
      ),
    ),
  );
}

/** The plugin's REST API, mounted at /api/dsomm. A thin layer: validate, authorize, delegate. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    model,
    config,
    entities,
    scorecard,
    visibility,
    reports,
    rollups,
    liftPreviews,
    progress,
    levelSummaries,
    audit,
    approvals,
    campaigns,
    auditor,
    gates,
    httpAuth,
    userInfo,
    permissions,
  } = options;
  // Every write to attestations and waivers is also a Backstage auditor event (besides the
  // plugin's own audit trail, which the store appends in the write's transaction).
  const audited = async <T>(
    req: Request<any, any, any, any>,
    eventId: string,
    meta: { entityRef: string; id?: string },
    write: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await write();
      // A create that waits for approval is a request: the event says so.
      const pending =
        (result as { status?: string } | undefined)?.status === 'pending';
      await event.success(
        pending ? { meta: { status: 'pending' } } : undefined,
      );
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
  // `?reason=` of a revoke, checked against the spec's length.
  const reasonOf = (req: { query: { reason?: string } }) => req.query.reason;
  // The permission framework resolves conditional decisions (e.g. ownership) against the
  // catalog, so the answer here is always a final ALLOW or DENY for this entity.
  const authorize = (
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ) => authorizeForEntity(permissions, credentials, permission, entityRef);
  const authorizeBasic = (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => authorizeBasicPermission(permissions, credentials, permission);
  const userRef = async (credentials: BackstageCredentials<any>) =>
    (await userInfo.getUserInfo(credentials)).userEntityRef;
  // Who uploaded: a person's entity ref, or the subject of a service or static token.
  const actorOf = async (
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ) =>
    credentials.principal.type === 'user'
      ? userRef(credentials)
      : (credentials.principal as BackstageServicePrincipal).subject;

  // JSON bodies are parsed here, before validation, so that a malformed or oversized body is
  // answered as before (400 or 413) rather than reworded by the validator.
  const outer = Router();
  const json = express.json({ limit: '100kb' });
  outer.use((req, res, next) =>
    STREAMED_BODIES.has(req.path) ? next() : json(req, res, next),
  );
  // Every request's path parameters, query and JSON body are checked against the spec
  // (src/schema/openapi.yaml) before a handler runs.
  const router = createSpecRouter();
  router.use(specErrorWording);
  outer.use(router);

  router.post('/reports', async (req, res) => {
    // Format (enum), entity (required) and source (length) are checked against the spec.
    const entityRef = entityRefFromQuery(req.query.entity);
    const format = req.query.format;
    const source = checkReportSource(req.query.source);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, dsommReportCreatePermission, entityRef);
    const isJson = /^application\/([\w.+-]*\+)?json\b/i.test(
      req.headers['content-type'] ?? '',
    );
    let result;
    try {
      // The service checks the entity (404/403) before it reads the body.
      result = await reports.upload(
        entityRef,
        () => readReportBody(req, config.reports.maxBytes),
        { format, source },
        await actorOf(credentials),
        credentials,
      );
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        // The rest of the body is not read: close the connection after this answer.
        res.setHeader('Connection', 'close');
      } else if (error instanceof ParseQueueFullError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      } else if (isJson && error instanceof UnsupportedMediaTypeError) {
        throw new InputError(
          `Body is sent as JSON but is not JSON: ${error.message}`,
        );
      }
      throw error;
    }
    res.status(result.created ? 201 : 200).json(result.report);
  });

  // ---- DSOMM app team progress ----
  // Before the JSON parser: the body is YAML or JSON text, read with its own size limit.
  router.post('/progress/import', async (req, res) => {
    const teams = req.query.team;
    const values = teams === undefined ? [] : [teams].flat();
    if (!values.every(v => typeof v === 'string')) {
      throw new InputError(
        'team: must be plain <DSOMM team name>=<group ref> values',
      );
    }
    const explicitTeams = parseTeamMappings(values as string[]);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = await readProgressBody(req, config.progress.maxBytes);
    // Every group written to is checked before anything is stored; a denial names the group.
    const authorizeGroups = async (groupRefs: string[]) => {
      const decisions = await permissions.authorize(
        groupRefs.map(resourceRef => ({
          permission: dsommAttestationCreatePermission,
          resourceRef,
        })),
        { credentials },
      );
      const denied = groupRefs.filter(
        (_ref, i) => decisions[i].result !== AuthorizeResult.ALLOW,
      );
      if (denied.length > 0) {
        throw new NotAllowedError(
          `Missing permission ${
            dsommAttestationCreatePermission.name
          } for ${denied.join(', ')}`,
        );
      }
    };
    res.json(
      await progress.import(
        body,
        explicitTeams,
        await actorOf(credentials),
        authorizeGroups,
      ),
    );
  });

  router.get('/progress/export', async (req, res) => {
    const group = req.query.group;
    const format = req.query.format ?? 'yaml';
    const groupRef =
      group === undefined ? undefined : parseGroupRef(group, 'group');
    const document = await progress.export(
      groupRef,
      await httpAuth.credentials(req),
    );
    if (format === 'json') {
      res.json(document);
      return;
    }
    res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
    res.send(teamProgressYaml(document));
  });

  // Fixed for the life of the process: config and model are read once at start.
  const modelAnswer = {
    ...model,
    evidenceRules: evidenceRules(
      model,
      config.evidence.rules,
      config.reports.mapping,
    ),
  };
  router.get('/model', (_req, res) => {
    res.json(modelAnswer);
  });

  router.get('/targets', (_req, res) => {
    res.json({ ...config.targets, tierSource: config.tiers });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const ref = entityRefOf(req.params);
    const credentials = await httpAuth.credentials(req);
    // Groups, systems and domains answer a roll-up of the components below them.
    const kind = ref.slice(0, ref.indexOf(':'));
    res.json(
      (ROLLUP_KINDS as readonly string[]).includes(kind)
        ? await rollups.rollup(ref, credentials)
        : await entities.getScore(ref, credentials, {
            kpiWindowDays: req.query.kpiWindowDays,
          }),
    );
  });

  // What marking activities at a scope would change below it; a read, nothing is recorded.
  router.post('/entities/:kind/:namespace/:name/preview', async (req, res) => {
    const ref = entityRefOf(req.params);
    const kind = ref.slice(0, ref.indexOf(':'));
    if (!(ROLLUP_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        `kind: a preview is for a ${ROLLUP_KINDS.join(', ')}; got "${kind}"`,
      );
    }
    const input = readPreviewInput(req.body, model);
    res.json(
      await liftPreviews.preview(ref, input, await httpAuth.credentials(req)),
    );
  });

  router.get('/entities/:kind/:namespace/:name/reports', async (req, res) => {
    const ref = entityRefOf(req.params);
    res.json({
      entityRef: ref,
      reports: await reports.list(ref, await httpAuth.credentials(req)),
    });
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const ref = entityRefOf(req.params);
    const days = req.query.days ?? 365;
    res.json(
      await entities.history(ref, days, await httpAuth.credentials(req)),
    );
  });

  // Whether a component passes a CI gate; read access as for its score.
  router.get('/entities/:kind/:namespace/:name/gate', async (req, res) => {
    const ref = entityRefOf(req.params);
    const kind = ref.slice(0, ref.indexOf(':'));
    if ((ROLLUP_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(`kind: a gate is for a component, not a ${kind}`);
    }
    const rules = parseFailOn(queryList(req.query, 'failOn'));
    res.json(await gates.check(ref, rules, await httpAuth.credentials(req)));
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const ref = entityRefOf(req.params);
    const credentials = await httpAuth.credentials(req);
    await authorize(credentials, dsommRefreshPermission, ref);
    res.json(await entities.refresh(ref, credentials));
  });

  router.post(
    '/entities/:kind/:namespace/:name/attestations',
    async (req, res) => {
      const ref = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      await authorize(credentials, dsommAttestationCreatePermission, ref);
      const input = attestationInput(req.body);
      const attestation = await audited(
        req,
        'attestation-create',
        { entityRef: ref },
        async () =>
          entities.attest(ref, input, await userRef(credentials), credentials),
      );
      res.status(201).json(attestation);
    },
  );

  router.delete(
    '/entities/:kind/:namespace/:name/attestations/:id',
    async (req, res) => {
      const ref = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      await authorize(credentials, dsommAttestationDeletePermission, ref);
      await audited(
        req,
        'attestation-revoke',
        { entityRef: ref, id: req.params.id },
        async () =>
          entities.revokeAttestation(
            ref,
            req.params.id,
            await userRef(credentials),
            credentials,
            reasonOf(req),
          ),
      );
      res.status(204).end();
    },
  );

  router.post('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    const ref = entityRefOf(req.params);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, dsommWaiverManagePermission, ref);
    const input = waiverInput(req.body);
    const waiver = await audited(
      req,
      'waiver-create',
      { entityRef: ref },
      async () =>
        entities.waive(ref, input, await userRef(credentials), credentials),
    );
    res.status(201).json(waiver);
  });

  router.delete(
    '/entities/:kind/:namespace/:name/waivers/:id',
    async (req, res) => {
      const ref = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      await authorize(credentials, dsommWaiverManagePermission, ref);
      await audited(
        req,
        'waiver-revoke',
        { entityRef: ref, id: req.params.id },
        async () =>
          entities.revokeWaiver(
            ref,
            req.params.id,
            await userRef(credentials),
            credentials,
            reasonOf(req),
          ),
      );
      res.status(204).end();
    },
  );

  // ---- approvals by a second person ----
  // The deny body's reason (length checked against the spec); NUL cannot be stored.
  const denyReason = (body: { reason: string }) => {
    const reason = bodyText(body, 'reason')!;
    if (reason.includes('\u0000')) {
      throw new InputError('body.reason: must not contain NUL characters');
    }
    return reason;
  };
  const decide = async (
    req: Request<any, any, any, any>,
    recordType: ApprovalRecordType,
    ref: string,
    approve: boolean,
  ) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    if (ref === ORGANIZATION_SCOPE_REF) {
      if (!(await mayDecideOrganization(permissions, credentials))) {
        throw new NotAllowedError(
          `Missing permission ${dsommWaiverApprovePermission.name}`,
        );
      }
    } else {
      await authorize(credentials, dsommWaiverApprovePermission, ref);
    }
    const reason = approve ? undefined : denyReason(req.body);
    await audited(
      req,
      `${recordType}-${approve ? 'approve' : 'deny'}`,
      { entityRef: ref, id: req.params.id },
      async () =>
        entities.decide(
          recordType,
          ref,
          req.params.id,
          { approve, reason },
          await userRef(credentials),
          credentials,
        ),
    );
  };
  for (const recordType of ['attestation', 'waiver'] as const) {
    for (const action of ['approve', 'deny'] as const) {
      router.post(
        `/entities/:kind/:namespace/:name/${recordType}s/:id/${action}` as any,
        async (req: Request<any, any, any, any>, res: Response) => {
          await decide(
            req,
            recordType,
            entityRefOf(req.params),
            action === 'approve',
          );
          res.status(204).end();
        },
      );
      router.post(
        `/organization/${recordType}s/:id/${action}` as any,
        async (req: Request<any, any, any, any>, res: Response) => {
          await decide(
            req,
            recordType,
            ORGANIZATION_SCOPE_REF,
            action === 'approve',
          );
          res.status(204).end();
        },
      );
    }
  }

  router.get('/approvals', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json({
      requests: await approvals.pendingFor(
        await userRef(credentials),
        credentials,
      ),
    });
  });

  // The organisation scope: evidence and waivers every component inherits.
  router.get('/organization', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({
      scope: ORGANIZATION_SCOPE_REF,
      implemented: config.organization.implemented,
      notApplicable: config.organization.notApplicable,
      ...(await entities.organization()),
    });
  });

  router.post('/organization/attestations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeBasic(credentials, dsommOrganizationManagePermission);
    const input = attestationInput(req.body);
    res
      .status(201)
      .json(
        await audited(
          req,
          'attestation-create',
          { entityRef: ORGANIZATION_SCOPE_REF },
          async () =>
            entities.attest(
              ORGANIZATION_SCOPE_REF,
              input,
              await userRef(credentials),
              credentials,
            ),
        ),
      );
  });

  router.delete('/organization/attestations/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeBasic(credentials, dsommOrganizationManagePermission);
    await audited(
      req,
      'attestation-revoke',
      { entityRef: ORGANIZATION_SCOPE_REF, id: req.params.id },
      async () =>
        entities.revokeAttestation(
          ORGANIZATION_SCOPE_REF,
          req.params.id,
          await userRef(credentials),
          credentials,
          reasonOf(req),
        ),
    );
    res.status(204).end();
  });

  router.post('/organization/waivers', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeBasic(credentials, dsommOrganizationManagePermission);
    const input = waiverInput(req.body);
    res
      .status(201)
      .json(
        await audited(
          req,
          'waiver-create',
          { entityRef: ORGANIZATION_SCOPE_REF },
          async () =>
            entities.waive(
              ORGANIZATION_SCOPE_REF,
              input,
              await userRef(credentials),
              credentials,
            ),
        ),
      );
  });

  router.delete('/organization/waivers/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeBasic(credentials, dsommOrganizationManagePermission);
    await audited(
      req,
      'waiver-revoke',
      { entityRef: ORGANIZATION_SCOPE_REF, id: req.params.id },
      async () =>
        entities.revokeWaiver(
          ORGANIZATION_SCOPE_REF,
          req.params.id,
          await userRef(credentials),
          credentials,
          reasonOf(req),
        ),
    );
    res.status(204).end();
  });

  // Parameters are checked before the caller's visibility is asked for (it may read the catalog).
  const scorecardQuery = (
    query: GetScorecardQuery,
  ): Omit<ScorecardQuery, 'visibility'> => ({
    filters: scorecardFilters(query),
    sort: {
      field: query.sort ?? 'worstFirst',
      order: query.order ?? 'asc',
    },
    offset: query.offset ?? 0,
    limit: query.limit ?? 50,
  });

  // Every scorecard read shows only what the caller may read in the catalog.
  router.get('/scorecard', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const groupBy = req.query.groupBy ?? 'owner';
    const query = scorecardQuery(req.query);
    res.json(
      await scorecard.scorecard(
        groupBy,
        {
          ...query,
          visibility: await visibility.forCredentials(credentials),
        },
        credentials,
        req.query.kpiWindowDays,
        {
          sort: req.query.groupsSort,
          order: req.query.groupsOrder,
          offset: req.query.groupsOffset,
          limit: req.query.groupsLimit,
        },
      ),
    );
  });

  router.get('/scorecard/trend', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const days = req.query.days ?? 90;
    const filters = scorecardFilters(req.query);
    res.json(
      await scorecard.trend(
        filters,
        await visibility.forCredentials(credentials),
        days,
      ),
    );
  });

  // Levels against targets for a page of catalog rows, and the refs below target for the
  // catalog filter; both only over what the caller may read in the catalog.
  router.post('/scores/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    // Another content type leaves an empty body here: say what is expected instead.
    const refs = parseLevelSummaryRequest(
      req.is('application/json') ? req.body : undefined,
    );
    res.json(
      await levelSummaries.summaries(
        refs,
        await visibility.forCredentials(credentials),
      ),
    );
  });

  router.get('/scores/below-target', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await levelSummaries.belowTarget(
        await visibility.forCredentials(credentials),
      ),
    );
  });

  // The audit trail: for auditors (a basic permission), including entities no longer in the
  // catalog, so it is not narrowed by catalog visibility.
  router.get('/audit', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await authorizeBasic(credentials, dsommAuditReadPermission);
    const { entity, since, limit, format } = req.query;
    if (since !== undefined && Number.isNaN(Date.parse(since))) {
      throw new InputError(`since: not a date or date-time: "${since}"`);
    }
    // The organisation scope's ref is no catalog ref; every other one is normalised.
    let entityRef: string | undefined;
    if (entity !== undefined) {
      entityRef =
        entity === ORGANIZATION_SCOPE_REF ? entity : entityRefFromQuery(entity);
    }
    const entries = await audit.entries({
      entityRef,
      since: since === undefined ? undefined : new Date(since).toISOString(),
      limit: limit ?? 1000,
    });
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        'attachment; filename="dsomm-audit.csv"',
      );
      res.send(AuditService.csv(entries));
      return;
    }
    res.json({ entries });
  });

  router.get('/scorecard/export', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const filters = scorecardFilters(req.query);
    const visible = await visibility.forCredentials(credentials);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="dsomm-scorecard.csv"',
    );
    for await (const chunk of scorecard.exportCsv(
      filters,
      visible,
      model.dimensions.map(d => d.name),
    )) {
      res.write(chunk);
    }
    res.end();
  });

  // ---- campaigns: reads for every signed-in caller, counting only what they may read ----
  router.post('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeBasic(credentials, dsommCampaignManagePermission);
    const input = readCampaignInput(req.body, model, new Date());
    const campaign = await audited(
      req,
      'campaign-create',
      { entityRef: input.owner },
      async () => campaigns.create(input, await userRef(credentials)),
    );
    res.status(201).json(campaign);
  });

  router.get('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    // `?entity=`: the live campaigns that concern one entity, with what is left there.
    if (req.query.entity !== undefined) {
      res.json({
        campaigns: await campaigns.forEntity(
          fullEntityRef(req.query.entity, 'entity'),
          credentials,
        ),
      });
      return;
    }
    res.json({
      campaigns: await campaigns.list(
        req.query.archived === 'true',
        await visibility.forCredentials(credentials),
      ),
    });
  });

  router.get('/campaigns/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await campaigns.progress(
        req.params.id,
        await visibility.forCredentials(credentials),
      ),
    );
  });

  router.patch('/campaigns/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeBasic(credentials, dsommCampaignManagePermission);
    const current = await campaigns.get(req.params.id);
    const patch = readCampaignPatch(req.body, model, current.start);
    // Archiving and restoring are audited apart from other changes.
    let eventId = 'campaign-update';
    if (patch.archived === true) eventId = 'campaign-archive';
    else if (patch.archived === false) eventId = 'campaign-restore';
    res.json(
      await audited(
        req,
        eventId,
        { entityRef: current.owner, id: current.id },
        () => campaigns.update(current.id, patch),
      ),
    );
  });

  return outer;
}
