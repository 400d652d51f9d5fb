import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DsommModel,
  ROLLUP_KINDS,
  SCORECARD_FILTERS,
  SCORECARD_GROUP_BY,
  dsommAttestationCreatePermission,
  dsommWaiverManagePermission,
  indexModel,
  DEFAULT_SCORECARD_GROUPS_LIMIT,
} from '@dsomm/plugin-dsomm-common';
import { EntityService } from '../service/EntityService';
import { ScorecardService } from '../service/ScorecardService';
import { VisibilityService } from '../service/visibility';
import { authorizeForEntity } from '../service/authorize';
import { fullEntityRef, httpUrl, isoDate } from '../service/validation';
import { CampaignService } from '../campaigns/CampaignService';
import { campaignList, campaignStatus } from './campaignStatus';
import {
  expiringSoon,
  gapSteps,
  scoreSummary,
  scorecardSummary,
} from './actionAnswers';

export interface DsommActionsOptions {
  model: DsommModel;
  entities: EntityService;
  scorecard: ScorecardService;
  campaigns: CampaignService;
  visibility: VisibilityService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Registers DSOMM's actions with Backstage's actions registry, for AI assistants (served over
 * MCP by the MCP actions backend) and other action callers. Each reads or writes exactly what
 * the REST API does for the same caller: reads see only what the caller may read in the
 * catalog, writes need the same permissions as the routes.
 */
export function registerDsommActions(
  registry: ActionsRegistryService,
  options: DsommActionsOptions,
) {
  const { model, entities, scorecard, visibility, permissions } = options;
  const index = indexModel(model);

  /** A component's ref from the input; roll-up kinds have no score of their own. */
  const componentRef = (value: string) => {
    const ref = fullEntityRef(value.trim(), 'entityRef');
    const kind = ref.slice(0, ref.indexOf(':'));
    if ((ROLLUP_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        `entityRef: ${ref} is a ${kind}; this action takes a component (query-scorecard covers groups, systems and domains)`,
      );
    }
    return ref;
  };

  /**
   * The component a write is about and the signed-in user making it, once the user holds
   * `permission` on it: what the REST routes check before they write.
   */
  const writer = async (
    credentials: BackstageCredentials,
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
  ) => {
    const ref = componentRef(entityRef);
    const principal = credentials.principal as BackstageUserPrincipal;
    if (principal.type !== 'user') {
      throw new NotAllowedError('Only a signed-in user can record evidence');
    }
    const actor = (await options.userInfo.getUserInfo(credentials))
      .userEntityRef;
    await authorizeForEntity(permissions, credentials, permission, ref);
    return { ref, actor };
  };

  /** Runs a write as an auditor event, as the REST routes do. */
  const audited = async <T>(
    eventId: string,
    meta: { entityRef: string; actor: string },
    write: () => Promise<T>,
  ): Promise<T> => {
    const event = await options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      meta: { ...meta, via: 'action' },
    });
    try {
      const result = await write();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  registry.register({
    name: 'get-entity-score',
    title: 'Get a component DSOMM score',
    description:
      "A component's OWASP DSOMM maturity: overall and per-dimension levels against its target, its score out of 100, and its outcome figures (fix times, findings past their SLA, share of activities proven by automation).",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe(
              'The component, e.g. component:default/payments-api or payments-api',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          owner: z.string().optional(),
          tier: z.string().optional(),
          overallLevel: z.number(),
          targetLevel: z.number(),
          meetsTarget: z.boolean(),
          score: z.number(),
          assessed: z.boolean(),
          dimensions: z.array(
            z.object({
              name: z.string(),
              level: z.number(),
              targetLevel: z.number(),
            }),
          ),
          kpis: z.record(z.unknown()).optional(),
          computedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: scoreSummary(
        await entities.getScore(componentRef(input.entityRef), credentials),
      ),
    }),
  });

  registry.register({
    name: 'explain-gap',
    title: 'Explain what a component misses for its DSOMM target',
    description:
      "The next activities a component should implement, best first: why each matters, the level it raises, the tools DSOMM lists for it and its page on the DSOMM site. Activities needed for the component's target come first.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(512),
          limit: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe('How many next steps, 10 unless given'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          overallLevel: z.number(),
          targetLevel: z.number(),
          meetsTarget: z.boolean(),
          missingForTarget: z.number(),
          steps: z.array(
            z.object({
              activity: z.string(),
              key: z.string(),
              dimension: z.string(),
              subDimension: z.string(),
              level: z.number(),
              raisesToLevel: z.number(),
              towardTarget: z.boolean(),
              why: z.string(),
              tools: z.array(z.string()),
              unmetDependencies: z.array(z.string()),
              url: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const score = await entities.getScore(
        componentRef(input.entityRef),
        credentials,
      );
      return { output: gapSteps(score, index, input.limit ?? 10) };
    },
  });

  registry.register({
    name: 'query-scorecard',
    title: 'Query the DSOMM scorecard',
    description:
      'DSOMM maturity across the organisation, grouped by owner, system, domain or tier: per group the number of components, how many meet their target, the mean score and level; and the components furthest below target. Filters narrow it as on the scorecard page. Only components the caller may read in the catalog count.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          groupBy: z
            .enum(SCORECARD_GROUP_BY)
            .optional()
            .describe('owner unless given'),
          filters: z
            .record(
              z.enum(SCORECARD_FILTERS),
              z.array(z.string().min(1).max(512)).max(100),
            )
            .optional()
            .describe(
              'e.g. {"tier": ["tier-1"], "owner": ["group:default/team-payments"]}',
            ),
          worst: z
            .number()
            .int()
            .min(0)
            .max(50)
            .optional()
            .describe('How many of the components furthest below target, 10'),
        }),
      output: z =>
        z.object({
          groupBy: z.string(),
          totalGroups: z
            .number()
            .describe(
              'How many groups match; the answer lists the 100 with the lowest share meeting target',
            ),
          total: z.object({
            count: z.number(),
            meetingTarget: z.number(),
            shareMeetingTarget: z.number().nullable(),
            meanScore: z.number(),
            meanLevel: z.number(),
          }),
          groups: z.array(
            z.object({
              key: z.string(),
              title: z.string().optional(),
              count: z.number(),
              meetingTarget: z.number(),
              shareMeetingTarget: z.number().nullable(),
              meanScore: z.number(),
              meanLevel: z.number(),
              notAssessed: z.number(),
            }),
          ),
          worst: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().optional(),
              owner: z.string().optional(),
              overallLevel: z.number(),
              targetLevel: z.number().nullable(),
              meetsTarget: z.boolean().nullable(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const filters: Partial<Record<string, string[]>> = {};
      for (const [key, values] of Object.entries(input.filters ?? {})) {
        const list = (values ?? []).map(v => v.trim()).filter(Boolean);
        if (list.length === 0) continue;
        // Stored as the REST filters store them: refs and kinds in lower case.
        filters[key] = ['owner', 'system', 'domain', 'kind'].includes(key)
          ? list.map(v => v.toLowerCase())
          : list;
      }
      const answer = await scorecard.scorecard(
        input.groupBy ?? 'owner',
        {
          filters,
          visibility: await visibility.forCredentials(credentials),
          sort: { field: 'worstFirst', order: 'asc' },
          offset: 0,
          limit: input.worst ?? 10,
        },
        credentials,
        undefined,
        // The groups furthest behind first: what an assistant is asked about.
        {
          sort: 'shareMeetingTarget',
          order: 'asc',
          offset: 0,
          limit: DEFAULT_SCORECARD_GROUPS_LIMIT,
        },
      );
      return { output: scorecardSummary(answer) };
    },
  });

  registry.register({
    name: 'list-expiring',
    title: 'List DSOMM evidence and waivers that expire soon',
    description:
      "A component's evidence (attestations, its own or inherited from its team, system, domain or organisation) and waivers that expire within the given days, soonest first, with where each was recorded so it can be renewed there.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(512),
          withinDays: z
            .number()
            .int()
            .min(1)
            .max(366)
            .optional()
            .describe('14 unless given'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          until: z.string(),
          items: z.array(
            z.object({
              type: z.enum(['evidence', 'waiver']),
              source: z.string(),
              activity: z.string(),
              key: z.string(),
              expiresAt: z.string(),
              daysLeft: z.number(),
              recordedOn: z.string(),
              url: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const score = await entities.getScore(
        componentRef(input.entityRef),
        credentials,
      );
      const now = Date.now();
      const until = new Date(now + (input.withinDays ?? 14) * DAY_MS);
      return {
        output: {
          entityRef: score.entityRef,
          until: until.toISOString(),
          items: expiringSoon(score, index, new Date(now), until),
        },
      };
    },
  });

  const headline = (z: any) => ({
    id: z.string(),
    name: z.string(),
    owner: z.string(),
    goal: z.string(),
    start: z.string(),
    deadline: z.string(),
    daysLeft: z.number().describe('Negative once the deadline has passed'),
    inScope: z.number(),
    done: z.number(),
    remaining: z.number(),
  });

  registry.register({
    name: 'campaign-status',
    title: 'Get the status of DSOMM improvement campaigns',
    description:
      'With a campaign id: its goal, deadline and days left, how many components in its scope meet the goal, how many each owner still has to bring there, and the first components short of it with the activities they still need (key and name). Without an id: every live campaign with its counts and days left. Only components the caller may read in the catalog count.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          id: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .describe('The campaign; every live campaign unless given'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe('How many components short of the goal to list, 10'),
        }),
      output: z =>
        z.object({
          campaigns: z
            .array(z.object(headline(z)))
            .optional()
            .describe('Without an id: the live campaigns, by deadline'),
          campaign: z
            .object({
              ...headline(z),
              archived: z.boolean(),
              remainingPerOwner: z.array(
                z.object({
                  owner: z.string().nullable(),
                  inScope: z.number(),
                  done: z.number(),
                  remaining: z.number(),
                }),
              ),
              componentsShown: z.number(),
              components: z.array(
                z.object({
                  entityRef: z.string(),
                  owner: z.string().nullable(),
                  remainingActivities: z.number(),
                  activities: z.array(
                    z.object({ key: z.string(), name: z.string() }),
                  ),
                }),
              ),
            })
            .optional()
            .describe('With an id: that campaign'),
        }),
    },
    action: async ({ input, credentials }) => {
      const visible = await visibility.forCredentials(credentials);
      const now = new Date();
      if (input.id === undefined) {
        return {
          output: campaignList(
            await options.campaigns.list(false, visible),
            index,
            now,
          ),
        };
      }
      const progress = await options.campaigns.progress(input.id, visible);
      return {
        output: campaignStatus(progress, index, now, input.limit ?? 10),
      };
    },
  });

  registry.register({
    name: 'attest-activity',
    title: 'Attest that a component implements a DSOMM activity',
    description:
      'Records, as the calling user, that a component implements an activity, with a comment and optionally a link to proof and an expiry. Needs the dsomm.attestation.create permission on the component, as the REST API does.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(512),
          activity: z
            .string()
            .min(1)
            .max(256)
            .describe('Activity key (e.g. threat-modeling) or DSOMM id'),
          comment: z.string().min(1).max(2000),
          link: z.string().max(2048).optional(),
          expiresAt: z.string().max(64).optional(),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          activityId: z.string(),
          attestedBy: z.string(),
          attestedAt: z.string(),
          expiresAt: z.string().optional(),
          status: z
            .enum(['approved', 'pending'])
            .describe('pending: it counts once someone else approves it'),
        }),
    },
    action: async ({ input, credentials }) => {
      const { ref, actor } = await writer(
        credentials,
        input.entityRef,
        dsommAttestationCreatePermission,
      );
      const comment = input.comment.trim();
      if (!comment) throw new InputError('comment: must not be only spaces');
      const attestation = await audited(
        'attestation-create',
        { entityRef: ref, actor },
        () =>
          entities.attest(
            ref,
            {
              activity: input.activity,
              comment,
              link: input.link && httpUrl(input.link.trim(), 'link'),
              expiresAt:
                input.expiresAt && isoDate(input.expiresAt.trim(), 'expiresAt'),
            },
            actor,
            credentials,
          ),
      );
      return {
        output: {
          id: attestation.id,
          entityRef: attestation.entityRef,
          activityId: attestation.activityId,
          attestedBy: attestation.attestedBy,
          attestedAt: attestation.attestedAt,
          expiresAt: attestation.expiresAt,
          status: attestation.status ?? 'approved',
        },
      };
    },
  });

  registry.register({
    name: 'request-waiver',
    title: 'Request a DSOMM waiver for a component',
    description:
      'Records, as the calling user, that an activity does not apply to a component, with a justification and optionally an expiry. Needs the dsomm.waiver.manage permission on the component, as the REST API does. Where waivers need approval (dsomm.approvals.waivers), it is a request that applies once someone holding dsomm.waiver.approve approves it.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(512),
          activity: z.string().min(1).max(256),
          justification: z.string().min(1).max(2000),
          expiresAt: z.string().max(64).optional(),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          activityId: z.string(),
          grantedBy: z.string(),
          grantedAt: z.string(),
          expiresAt: z.string().optional(),
          status: z
            .enum(['approved', 'pending'])
            .describe('pending: it applies once someone else approves it'),
        }),
    },
    action: async ({ input, credentials }) => {
      const { ref, actor } = await writer(
        credentials,
        input.entityRef,
        dsommWaiverManagePermission,
      );
      const justification = input.justification.trim();
      if (!justification) {
        throw new InputError('justification: must not be only spaces');
      }
      const waiver = await audited(
        'waiver-create',
        { entityRef: ref, actor },
        () =>
          entities.waive(
            ref,
            {
              activity: input.activity,
              justification,
              expiresAt:
                input.expiresAt && isoDate(input.expiresAt.trim(), 'expiresAt'),
            },
            actor,
            credentials,
          ),
      );
      return {
        output: {
          id: waiver.id,
          entityRef: waiver.entityRef,
          activityId: waiver.activityId,
          grantedBy: waiver.grantedBy,
          grantedAt: waiver.grantedAt,
          expiresAt: waiver.expiresAt,
          status: waiver.status ?? 'approved',
        },
      };
    },
  });
}
