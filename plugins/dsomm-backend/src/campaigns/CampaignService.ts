import { randomUUID } from 'crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Campaign,
  CampaignBurnUpPoint,
  CampaignComponentProgress,
  CampaignInput,
  CampaignPatch,
  CampaignProgress,
  CampaignSummary,
  DsommModel,
  EntityCampaign,
  ROLLUP_KINDS,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore, RowsWithin } from '../database/DsommStore';
import { VISIBLE_TO_ALL, Visibility } from '../database/visibilityFilter';
import { ScopeBelowDeps, readScopeBelow } from '../rollup/readScopeBelow';
import { catalogReadCredentials } from '../service/catalogCredentials';
import {
  GenerationCache,
  keptWhileScoresStay,
  scoreGenerationFor,
} from '../service/generationCache';
import {
  burnUp,
  dayOf,
  Levels,
  goalSubDimensions,
  scopeHolds,
  meetsGoal,
  needsStatuses,
  remainingActivities,
  snapshotBurnUp,
  subDimensionLevels,
  tally,
} from './progress';

/** Campaigns and their progress over the stored scores the caller may read. */
export class CampaignService {
  private readonly componentsCache = new GenerationCache<
    CampaignComponentProgress[]
  >(32);

  constructor(
    private readonly deps: {
      store: DsommStore;
      model: DsommModel;
      /** The catalog and scope tree, to find what is below a Group, System or Domain. */
      scopes: ScopeBelowDeps;
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
    const counts = await this.counts(campaigns, visibility);
    return campaigns.map((campaign, i) => ({ ...campaign, ...counts[i] }));
  }

  /**
   * Each campaign's counts for this caller from one pass over the scores: each page of rows
   * is read once, and the details (statuses) of a component once, however many campaigns
   * hold it, instead of a read of the scores per campaign. Sub-dimension levels likewise.
   */
  private async counts(
    campaigns: Campaign[],
    visibility: Visibility,
  ): Promise<{ inScope: number; done: number }[]> {
    const { store, model } = this.deps;
    const counts = campaigns.map(() => ({ inScope: 0, done: 0 }));
    if (campaigns.length === 0) return counts;
    const statusGoal = campaigns.map(c => needsStatuses(c.goal, model));
    const subGoal = campaigns.map(
      c => goalSubDimensions(c.goal, model).length > 0,
    );
    for await (const rows of store.scorecardRows({}, visibility)) {
      const holding = rows.map(row =>
        campaigns.flatMap((c, i) => (scopeHolds(c.scope, row) ? [i] : [])),
      );
      const needed = rows.filter((_, r) => holding[r].some(i => statusGoal[i]));
      const details =
        needed.length > 0
          ? await store.scoreDetails(needed.map(row => row.entityRef))
          : undefined;
      rows.forEach((row, r) => {
        const activities = details?.get(row.entityRef)?.activities ?? [];
        let subLevels: Levels['subDimensionLevels'];
        for (const i of holding[r]) {
          counts[i].inScope += 1;
          if (subGoal[i]) subLevels ??= subDimensionLevels(model, activities);
          const levels = subGoal[i]
            ? { ...row, subDimensionLevels: subLevels }
            : row;
          if (meetsGoal(campaigns[i].goal, levels, activities)) {
            counts[i].done += 1;
          }
        }
      });
    }
    return counts;
  }

  /**
   * The live campaigns that concern an entity, for its page: for a Group, System or Domain,
   * those whose scope holds a component below it (as its roll-up counts them); for any other
   * entity, those whose scope holds it. `here` is what is left to do there. 404 when the
   * caller cannot see the entity in the catalog.
   */
  async forEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCampaign[]> {
    const { within, visibility } = await this.place(entityRef, credentials);
    const concerned: { campaign: Campaign; here: EntityCampaign['here'] }[] =
      [];
    for (const campaign of await this.deps.store.listCampaigns(false)) {
      const components = await this.components(campaign, visibility, within);
      if (components.length === 0) continue;
      const { inScope, done } = tally(components);
      concerned.push({ campaign, here: { inScope, done, components } });
    }
    const counts = await this.counts(
      concerned.map(c => c.campaign),
      visibility,
    );
    return concerned.map(({ campaign, here }, i) => ({
      ...campaign,
      ...counts[i],
      here,
    }));
  }

  /** Where an entity's campaigns are counted, once the caller may see it. */
  private async place(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ within: RowsWithin; visibility: Visibility }> {
    const { scopes } = this.deps;
    const kind = entityRef.slice(0, entityRef.indexOf(':'));
    if ((ROLLUP_KINDS as readonly string[]).includes(kind)) {
      const { below, visibility } = await readScopeBelow(
        scopes,
        entityRef,
        credentials,
      );
      return { within: below, visibility };
    }
    const entity = await scopes.catalog.getEntityByRef(entityRef, {
      credentials: await catalogReadCredentials(scopes.auth, credentials),
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
    }
    return {
      within: { entityRef },
      visibility: await scopes.visibility.forCredentials(credentials),
    };
  }

  /** One campaign's progress for this caller: counts, per owner, burn-up and components. */
  async progress(
    id: string,
    visibility: Visibility,
  ): Promise<CampaignProgress> {
    const campaign = await this.find(id);
    // What a campaign's components lack follows from their stored details, decoded for each
    // one: kept while the scores stay as they are (per scope and goal, as campaigns share them).
    const components = await keptWhileScoresStay(
      this.componentsCache,
      scoreGenerationFor(this.deps.store, visibility),
      [campaign.scope, campaign.goal, visibility],
      () => this.components(campaign, visibility),
    );
    const { inScope, done, remainingPerOwner } = tally(components);
    return {
      ...campaign,
      inScope,
      done,
      remainingPerOwner,
      burnUp: await this.burnUp(campaign, visibility, { inScope, done }),
      components,
    };
  }

  /**
   * Level and dimension goals: from the daily score history, filtered by what the caller may
   * read. Activity and sub-dimension goals, which the history's levels cannot judge: from the
   * campaign's own daily snapshots, counted over every component, so only a caller who may
   * read every score sees the days before today.
   */
  private async burnUp(
    campaign: Campaign,
    visibility: Visibility,
    current: { inScope: number; done: number },
  ): Promise<CampaignBurnUpPoint[]> {
    const startDay = dayOf(campaign.start);
    const today = dayOf(this.now().toISOString());
    if (needsStatuses(campaign.goal, this.deps.model)) {
      const snapshots =
        visibility.type === 'all'
          ? await this.deps.store.campaignSnapshots(campaign.id)
          : [];
      return snapshotBurnUp(startDay, today, snapshots, current);
    }
    const history = await this.deps.store.scopeHistory(
      campaign.scope,
      visibility,
      '0000-01-01',
    );
    return burnUp(campaign.goal, startDay, today, history, current);
  }

  /**
   * Records each live campaign's counts over every component for `day` (after a full
   * recompute), replacing the day's earlier counts. Returns how many campaigns it recorded.
   */
  async recordSnapshots(day?: string): Promise<number> {
    const now = this.now();
    const on = day ?? dayOf(now.toISOString());
    const campaigns = await this.deps.store.listCampaigns(false);
    const counts = await this.counts(campaigns, VISIBLE_TO_ALL);
    const snapshots = campaigns.map((campaign, i) => ({
      campaignId: campaign.id,
      day: on,
      ...counts[i],
    }));
    await this.deps.store.upsertCampaignSnapshots(snapshots, now.toISOString());
    return snapshots.length;
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
   * them (those within `within` only, when given), each with whether it meets the goal and
   * what it still lacks.
   */
  private async components(
    campaign: Campaign,
    visibility: Visibility,
    within?: RowsWithin,
  ): Promise<CampaignComponentProgress[]> {
    const { store, model } = this.deps;
    const bySubDimension = goalSubDimensions(campaign.goal, model).length > 0;
    const result: CampaignComponentProgress[] = [];
    const pages = within
      ? store.scorecardRowsWithin(campaign.scope, visibility, within)
      : store.scorecardRows(campaign.scope, visibility);
    for await (const rows of pages) {
      const details = await store.scoreDetails(rows.map(r => r.entityRef));
      for (const row of rows) {
        const activities = details.get(row.entityRef)?.activities ?? [];
        const levels = bySubDimension
          ? {
              ...row,
              subDimensionLevels: subDimensionLevels(model, activities),
            }
          : row;
        result.push({
          entityRef: row.entityRef,
          owner: row.owner ?? null,
          done: meetsGoal(campaign.goal, levels, activities),
          remainingActivityIds: remainingActivities(
            model,
            campaign.goal,
            activities,
          ),
        });
      }
    }
    return result;
  }
}
