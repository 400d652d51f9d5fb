import { randomUUID } from 'crypto';
import { NotFoundError } from '@backstage/errors';
import {
  Campaign,
  CampaignComponentProgress,
  CampaignInput,
  CampaignPatch,
  CampaignProgress,
  CampaignSummary,
  DsommModel,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore } from '../database/DsommStore';
import { Visibility } from '../database/visibilityFilter';
import {
  burnUp,
  dayOf,
  meetsGoal,
  needsStatuses,
  remainingActivities,
  tally,
} from './progress';

/** Campaigns and their progress over the stored scores the caller may read. */
export class CampaignService {
  constructor(
    private readonly deps: {
      store: DsommStore;
      model: DsommModel;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async create(
    input: Required<CampaignInput>,
    actor: string,
  ): Promise<Campaign> {
    const at = this.now().toISOString();
    const campaign: Campaign = {
      id: randomUUID(),
      ...input,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.store.insertCampaign(campaign);
    return campaign;
  }

  async update(id: string, patch: CampaignPatch): Promise<Campaign> {
    const current = await this.find(id);
    const { archived, ...fields } = patch;
    const at = this.now().toISOString();
    const { archivedAt: _was, ...rest } = current;
    // Archiving again keeps the first time; restoring clears it.
    let archivedAt = current.archivedAt;
    if (archived === true) archivedAt = current.archivedAt ?? at;
    if (archived === false) archivedAt = undefined;
    const next: Campaign = {
      ...rest,
      ...fields,
      updatedAt: at,
      ...(archivedAt ? { archivedAt } : {}),
    };
    if (!(await this.deps.store.replaceCampaign(next))) {
      throw new NotFoundError(`No campaign ${id}`);
    }
    return next;
  }

  /** Every campaign (archived ones when asked) with its counts for this caller. */
  async list(
    includeArchived: boolean,
    visibility: Visibility,
  ): Promise<CampaignSummary[]> {
    const campaigns = await this.deps.store.listCampaigns(includeArchived);
    const summaries: CampaignSummary[] = [];
    for (const campaign of campaigns) {
      const { inScope, done } = tally(
        await this.components(campaign, visibility, false),
      );
      summaries.push({ ...campaign, inScope, done });
    }
    return summaries;
  }

  /** One campaign's progress for this caller: counts, per owner, burn-up and components. */
  async progress(
    id: string,
    visibility: Visibility,
  ): Promise<CampaignProgress> {
    const campaign = await this.find(id);
    const components = await this.components(campaign, visibility, true);
    const { inScope, done, remainingPerOwner } = tally(components);
    const startDay = dayOf(campaign.start);
    const history = needsStatuses(campaign.goal)
      ? []
      : await this.deps.store.scopeHistory(
          campaign.scope,
          visibility,
          '0000-01-01',
        );
    return {
      ...campaign,
      inScope,
      done,
      remainingPerOwner,
      burnUp: burnUp(
        campaign.goal,
        startDay,
        dayOf(this.now().toISOString()),
        history,
        { inScope, done },
      ),
      components,
    };
  }

  /** The stored campaign, without progress; 404 when there is none. */
  async get(id: string): Promise<Campaign> {
    return this.find(id);
  }

  private async find(id: string): Promise<Campaign> {
    const campaign = await this.deps.store.getCampaign(id);
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    return campaign;
  }

  /**
   * The components in the campaign's scope that the caller may read, as the scorecard selects
   * them, each with whether it meets the goal; with `remaining`, also what it still lacks.
   */
  private async components(
    campaign: Campaign,
    visibility: Visibility,
    remaining: boolean,
  ): Promise<CampaignComponentProgress[]> {
    const { store, model } = this.deps;
    const withDetails = remaining || needsStatuses(campaign.goal);
    const result: CampaignComponentProgress[] = [];
    for await (const rows of store.scorecardRows(campaign.scope, visibility)) {
      const details = withDetails
        ? await store.scoreDetails(rows.map(r => r.entityRef))
        : undefined;
      for (const row of rows) {
        const activities = details?.get(row.entityRef)?.activities ?? [];
        result.push({
          entityRef: row.entityRef,
          owner: row.owner ?? null,
          done: meetsGoal(campaign.goal, row, activities),
          remainingActivityIds: remaining
            ? remainingActivities(model, campaign.goal, activities)
            : [],
        });
      }
    }
    return result;
  }
}
