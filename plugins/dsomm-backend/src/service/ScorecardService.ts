import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ScorecardGroup,
  ScorecardGroupBy,
  ScorecardResponse,
  ScorecardRow,
  ScorecardTrendResponse,
  TargetsConfig,
  aggregateGroup,
  GroupAggregate,
  GroupKpis,
  KPI_SEVERITIES,
  LevelStats,
} from '@dsomm/plugin-dsomm-common';
import {
  AggregateRow,
  DsommStore,
  ScorecardQuery,
  ScorecardSummaryRow,
  TierCountRow,
} from '../database/DsommStore';
import { DIMENSION_COLUMNS } from '../database/rows';
import { Visibility } from '../database/visibilityFilter';
import { KpiShareRow, KpiSumsRow } from '../database/kpiQueries';
import { catalogReadCredentials } from './catalogCredentials';
import {
  groupPageOf,
  ScorecardGroupPage,
  groupRowKpis,
  groupTargets,
  pageOfGroups,
  roundAggregate,
} from './scorecardGroups';
import { KpiSlaDays, kpisByGroup, slaSeveritiesOf } from '../kpis/groupKpis';
import {
  GenerationCache,
  keptForVisibility,
  keptWhileScoresStay,
  scoreGenerationFor,
  setNewest,
} from './generationCache';

const NO_SLA: KpiSlaDays = { byTier: {}, default: {} };

/** Days back that the scorecard's MTTR figures look at, unless a request says otherwise. */
export const DEFAULT_SCORECARD_KPI_WINDOW_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The CSV export's KPI columns, named plainly for spreadsheets. */
const KPI_CSV_COLUMNS = [
  ...KPI_SEVERITIES.map(s => `mttr_days_${s}`),
  ...KPI_SEVERITIES.map(s => `open_past_sla_${s}`),
  'automated_share',
  'critical_misconfigurations',
];

/** A component's KPIs as the cells of KPI_CSV_COLUMNS (empty where null). */
function kpiCsvCells(kpis: GroupKpis): unknown[] {
  return [
    ...KPI_SEVERITIES.map(s => kpis.mttrDays[s]),
    ...KPI_SEVERITIES.map(s => kpis.openPastSla[s]),
    kpis.automatedShare,
    kpis.criticalMisconfigurations,
  ];
}

/** Group key used for rows without a value for the grouping field. */
export const UNASSIGNED = '(none)';

/** Whether the database can aggregate a model's dimensions: each has a level column. */
export function hasSqlAggregates(dimensions: string[]): boolean {
  const columns = new Set<string>(DIMENSION_COLUMNS.map(c => c.dimension));
  return (
    dimensions.length === columns.size && dimensions.every(d => columns.has(d))
  );
}

/** A group aggregate with the count of its components not assessed yet. */
type CountedAggregate = GroupAggregate & { notAssessed: number };

/**
 * `group` with its not-assessed count: from the database's count, or counted over the rows
 * read when the database does not aggregate (an older score's null is not counted).
 */
export function withNotAssessed(
  group: GroupAggregate,
  from: { notAssessed: number } | ScorecardRow[],
): CountedAggregate {
  const notAssessed = Array.isArray(from)
    ? from.filter(row => row.assessed === false).length
    : from.notAssessed;
  return { ...group, notAssessed };
}

/** Targets used when none are given: every component's target is level 0. */
const NO_TARGETS: TargetsConfig = { default: { level: 0 }, tiers: {} };

/** Changed groups scanned by themselves after a write; more, and all are scanned at once. */
const CHANGED_GROUPS_SCANNED_ALONE = 50;

/** Request shapes whose shown groups are remembered; the oldest goes first. */
const LAST_SHOWN_SHAPES = 64;

/** The KPIs of each scorecard group, of all of them, and of a group without findings. */
type ScorecardKpis = ReturnType<typeof kpisByGroup> & { empty: GroupKpis };

/** Titles asked for before the groups shown were known, and which groups they were. */
interface EarlyTitles {
  asked: ReadonlySet<string>;
  /** Undefined when the catalog could not answer. */
  titles: Promise<Map<string, string> | undefined>;
}

/** The org-wide scorecard: group aggregates plus one page of component rows. */
export class ScorecardService {
  private readonly sqlAggregates: boolean;
  private readonly targets: TargetsConfig;
  /**
   * Group aggregates by request shape, kept while the stored scores stay as they are: the org
   * view is read far more often than scores change, and the grouped scan of every score is
   * most of its time.
   */
  private readonly aggregateCache = new GenerationCache<
    Awaited<ReturnType<ScorecardService['scanAggregates']>>
  >();
  /**
   * The grouped scan's rows by request shape, for the SQL aggregates. After a write only the
   * groups whose check changed (see `DsommStore.scorecardChecks`) are scanned again: a write
   * touches a few groups, and the scan of every score is most of a read right after one.
   */
  private readonly summaryCache = new GenerationCache<ScorecardSummaryRow[]>();
  /** Pages of rows, kept the same way (each page of each sort is a query of its own). */
  private readonly pageCache = new GenerationCache<ScorecardRow[]>();
  /** The groups each request shape showed last, by shape (see `earlyTitles`). */
  private readonly lastShown = new Map<string, string[]>();

  /**
   * `dimensions`: the model's dimension names, as the stored scores use them. `targets`: the
   * configured targets (tier rows and target means follow them). `catalog` and `auth`: to
   * show owner, system and domain groups by their titles.
   */
  constructor(
    private readonly store: DsommStore,
    dimensions: string[],
    private readonly options: {
      targets?: TargetsConfig;
      catalog?: CatalogService;
      auth?: AuthService;
      /** The finding SLA days the KPIs measure against (none: no SLA, open past SLA is null). */
      sla?: KpiSlaDays;
      /**
       * The window of the KPI sums kept with each score (see DsommStore's kpiSnapshots): a
       * request for it sums those, any other window reads the findings' lifecycle.
       */
      storedKpiWindowDays?: number;
      now?: () => Date;
    } = {},
  ) {
    this.sqlAggregates = hasSqlAggregates(dimensions);
    this.targets = options.targets ?? NO_TARGETS;
  }

  /**
   * `credentials`: the caller's, to read group titles from the catalog as them (a group they
   * may not read keeps its ref only). `asked`: which groups the answer holds, the default
   * page's values where it names none; every group is aggregated (to sort them and for the
   * total), only the page's are described.
   */
  async scorecard(
    groupBy: ScorecardGroupBy,
    query: ScorecardQuery,
    credentials?: BackstageCredentials,
    kpiWindowDays = DEFAULT_SCORECARD_KPI_WINDOW_DAYS,
    asked?: Partial<ScorecardGroupPage>,
  ): Promise<ScorecardResponse> {
    const groupPage = groupPageOf(asked);
    // The total aggregate counts every matching row already, so the page is not counted again
    // (each scan under a visibility filter costs).
    // The stored KPI sums come with the aggregates' scan when the window is theirs.
    const storedKpiWindow =
      this.sqlAggregates && kpiWindowDays === this.options.storedKpiWindowDays
        ? kpiWindowDays
        : undefined;
    // Read once for the aggregates and the page.
    const generation = scoreGenerationFor(this.store, query.visibility);
    const shape = keptForVisibility(query.visibility)
      ? JSON.stringify([groupBy, query.filters, query.visibility, groupPage])
      : undefined;
    const early = this.earlyTitles(groupBy, shape, credentials);
    const [{ groups, total, tierCounts, storedKpis }, page, otherKpis] =
      await Promise.all([
        this.aggregates(
          groupBy,
          query.filters,
          query.visibility,
          generation,
          storedKpiWindow,
        ),
        this.page(query, generation),
        storedKpiWindow === undefined
          ? this.kpis(groupBy, query.filters, query.visibility, kpiWindowDays)
          : undefined,
      ]);
    const kpis = otherKpis ?? storedKpis!;
    // Only the page's groups are named: the catalog is asked for as many titles as are shown.
    const shown = pageOfGroups(groups, groupPage);
    const shownKeys = shown.map(g => g.key);
    const titles = await this.titlesOf(groupBy, shownKeys, credentials, early);
    if (shape !== undefined) {
      setNewest(this.lastShown, shape, shownKeys, LAST_SHOWN_SHAPES);
    }
    const targets = groupTargets(tierCounts, groupBy, this.targets, UNASSIGNED);
    const describe = (group: CountedAggregate): ScorecardGroup => {
      const title = titles.get(group.key);
      const target =
        groupBy === 'tier' && group.key !== 'all'
          ? targets.tierTarget(group.key)
          : undefined;
      return {
        ...roundAggregate(group),
        ...(title !== undefined ? { title } : {}),
        ...(target ? { target } : {}),
        notAssessed: group.notAssessed,
        targetMeans: targets.means(group.key, Object.keys(group.dimensions)),
        kpis: groupRowKpis(kpis.groups.get(group.key) ?? kpis.empty),
      };
    };
    return {
      groupBy,
      groups: shown.map(describe),
      totalGroups: groups.length,
      groupsOffset: groupPage.offset,
      groupsLimit: groupPage.limit,
      total: {
        ...roundAggregate(total),
        notAssessed: total.notAssessed,
        targetMeans: targets.means(undefined, Object.keys(total.dimensions)),
        // The organisation's full KPIs are the answer's `kpis`.
        kpis: groupRowKpis(kpis.total),
      },
      kpis: kpis.total,
      rows: page,
      totalRows: total.count,
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** KPIs of each of `refs` (a page of export rows): one lifecycle query for the page. */
  private async componentKpis(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    refs: string[],
  ) {
    return this.kpis(
      'entity_ref',
      filters,
      visibility,
      DEFAULT_SCORECARD_KPI_WINDOW_DAYS,
      refs,
    );
  }

  /**
   * KPIs of each group (`groupBy` value) and of all matching components the caller may read:
   * one query over the findings' lifecycle and one over the scores, whatever the number of
   * components.
   */
  private async kpis(
    groupBy: ScorecardGroupBy | 'entity_ref',
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    windowDays: number,
    refs?: string[],
  ) {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const sla = this.options.sla ?? NO_SLA;
    // The scores keep their sums as of when they were scored (each upload and every
    // scheduled recompute): summing those costs one scan of the scores, however many findings.
    const { sums, shares } =
      windowDays === this.options.storedKpiWindowDays
        ? await this.store.scorecardStoredKpis(
            filters,
            visibility,
            groupBy,
            windowDays,
            refs,
          )
        : await Promise.all([
            this.store.scorecardKpiSums(
              filters,
              visibility,
              groupBy,
              { from: now - windowDays * DAY_MS, now, sla },
              refs,
            ),
            this.store.scorecardShareCounts(filters, visibility, groupBy, refs),
          ]).then(([live, counts]) => ({ sums: live, shares: counts }));
    return this.kpisOf({ sums, shares }, windowDays);
  }

  /** The KPIs of each group and of all, from the groups' sums and counts. */
  private kpisOf(
    { sums, shares }: { sums: KpiSumsRow[]; shares: KpiShareRow[] },
    windowDays: number,
  ): ScorecardKpis {
    const slaSeverities = slaSeveritiesOf(this.options.sla ?? NO_SLA);
    const { groups, total } = kpisByGroup({
      sums,
      shares,
      slaSeverities,
      windowDays,
      unassigned: UNASSIGNED,
    });
    const empty = kpisByGroup({
      sums: [],
      shares: [],
      slaSeverities,
      windowDays,
      unassigned: UNASSIGNED,
    }).total;
    return { groups, total, empty };
  }

  /**
   * Asks the catalog, as the caller, for the titles of the groups this request shape showed
   * last, while the aggregates are read: the groups shown rarely change between two reads
   * (a write moves one component), and otherwise the catalog's answer is a round trip after
   * the scan. A failure here only means asking again afterwards.
   */
  private earlyTitles(
    groupBy: ScorecardGroupBy,
    shape: string | undefined,
    credentials: BackstageCredentials | undefined,
  ): EarlyTitles | undefined {
    const keys = shape === undefined ? undefined : this.lastShown.get(shape);
    if (!keys) return undefined;
    return {
      asked: new Set(keys),
      titles: this.groupTitles(groupBy, keys, credentials).catch(
        () => undefined,
      ),
    };
  }

  /** Titles of `keys`: those asked for early, and the others now. */
  private async titlesOf(
    groupBy: ScorecardGroupBy,
    keys: string[],
    credentials: BackstageCredentials | undefined,
    early: EarlyTitles | undefined,
  ): Promise<Map<string, string>> {
    const got = await early?.titles;
    if (!early || !got) return this.groupTitles(groupBy, keys, credentials);
    const missing = keys.filter(k => !early.asked.has(k));
    if (missing.length === 0) return got;
    const more = await this.groupTitles(groupBy, missing, credentials);
    return new Map([...got, ...more]);
  }

  /** Display names of owner, system and domain groups: the entity's title, else its name. */
  private async groupTitles(
    groupBy: ScorecardGroupBy,
    keys: string[],
    credentials: BackstageCredentials | undefined,
  ): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    const { catalog, auth } = this.options;
    const refs = keys.filter(k => k !== UNASSIGNED);
    if (groupBy === 'tier' || !catalog || !auth || !credentials) return titles;
    if (refs.length === 0) return titles;
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.title'],
      },
      { credentials: await catalogReadCredentials(auth, credentials) },
    );
    items.forEach((entity, i) => {
      if (!entity) return;
      const title = entity.metadata.title;
      titles.set(
        refs[i],
        typeof title === 'string' && title.trim() !== ''
          ? title
          : entity.metadata.name,
      );
    });
    return titles;
  }

  private async page(
    query: ScorecardQuery,
    generation: Promise<number | undefined>,
  ): Promise<ScorecardRow[]> {
    const { filters, visibility, sort, offset, limit } = query;
    return keptWhileScoresStay(
      this.pageCache,
      generation,
      [filters, visibility, sort, offset, limit],
      () => this.store.scorecardPage(query),
    );
  }

  /**
   * Group and total aggregates over every matching row, and how many of each group have each
   * tier. The database computes them when the model's dimensions all have level columns (the
   * DSOMM ones); otherwise the rows are read in pages and aggregated here.
   */
  private async aggregates(
    groupBy: ScorecardGroupBy,
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    generation: Promise<number | undefined>,
    storedKpiWindowDays?: number,
  ) {
    return keptWhileScoresStay(
      this.aggregateCache,
      generation,
      [groupBy, filters, visibility, storedKpiWindowDays ?? null],
      () =>
        this.scanAggregates(
          groupBy,
          filters,
          visibility,
          generation,
          storedKpiWindowDays,
        ),
    );
  }

  /**
   * The grouped scan's rows: kept while the scores stay; after a write, the kept rows of the
   * groups whose check is the same, and the others scanned again.
   */
  private async summaryRows(
    groupBy: ScorecardGroupBy,
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    generation: Promise<number | undefined>,
    storedKpiWindowDays?: number,
  ): Promise<ScorecardSummaryRow[]> {
    const scan = (keys?: ReadonlyArray<string | null>) =>
      this.store.scorecardSummary(
        filters,
        visibility,
        groupBy,
        storedKpiWindowDays,
        keys,
      );
    return keptWhileScoresStay(
      this.summaryCache,
      generation,
      [groupBy, filters, visibility, storedKpiWindowDays ?? null],
      async earlierRows => {
        const earlier = await earlierRows?.catch(() => undefined);
        if (!earlier) return scan();
        const checks = await this.store.scorecardChecks(
          filters,
          visibility,
          groupBy,
        );
        const pair = (key: string | null, tier: string | null) =>
          JSON.stringify([key, tier]);
        const before = new Map(earlier.map(r => [pair(r.key, r.tier), r]));
        const changed = new Set<string | null>();
        for (const c of checks) {
          if (before.get(pair(c.key, c.tier))?.check !== c.check) {
            changed.add(c.key);
          }
        }
        // A group or tier that has no scores any more.
        const now = new Set(checks.map(c => pair(c.key, c.tier)));
        for (const r of earlier) {
          if (!now.has(pair(r.key, r.tier))) changed.add(r.key);
        }
        if (changed.size === 0) return earlier;
        // Past a few groups (a recompute, an organisation-wide change) one scan of all costs less.
        if (changed.size > CHANGED_GROUPS_SCANNED_ALONE) return scan();
        const fresh = await scan([...changed]);
        return [...earlier.filter(r => !changed.has(r.key)), ...fresh];
      },
    );
  }

  private async scanAggregates(
    groupBy: ScorecardGroupBy,
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    generation: Promise<number | undefined>,
    storedKpiWindowDays?: number,
  ): Promise<{
    groups: CountedAggregate[];
    total: CountedAggregate;
    tierCounts: TierCountRow[];
    /**
     * The KPIs from the stored sums, when `storedKpiWindowDays` is given: kept with the
     * aggregates, so a read again does not add them up again.
     */
    storedKpis?: ScorecardKpis;
  }> {
    if (this.sqlAggregates) {
      // Every figure is a count or a sum of whole numbers, so a group is the sum of its tiers
      // and the total the sum of the groups, exactly: one scan, or the groups that changed.
      const rows = await this.summaryRows(
        groupBy,
        filters,
        visibility,
        generation,
        storedKpiWindowDays,
      );
      const tiersOf = new Map<string, AggregateRow[]>();
      for (const row of rows) {
        const key = row.key ?? UNASSIGNED;
        const parts = tiersOf.get(key);
        if (parts) parts.push(row.aggregate);
        else tiersOf.set(key, [row.aggregate]);
      }
      const sum = sumAggregates(rows.map(r => r.aggregate));
      return {
        groups: [...tiersOf.entries()]
          .map(([key, parts]) => {
            const group = sumAggregates(parts);
            return withNotAssessed(toGroupAggregate(key, group), group);
          })
          .sort((a, b) => a.key.localeCompare(b.key)),
        total: withNotAssessed(toGroupAggregate('all', sum), sum),
        tierCounts: rows.map(r => ({
          key: r.key,
          tier: r.tier,
          count: r.aggregate.count,
        })),
        ...(storedKpiWindowDays !== undefined
          ? {
              storedKpis: this.kpisOf(
                {
                  sums: rows.flatMap(r => r.kpis?.sums ?? []),
                  shares: rows.flatMap(r => (r.kpis ? [r.kpis.share] : [])),
                },
                storedKpiWindowDays,
              ),
            }
          : {}),
      };
    }
    const groups = new Map<string, ScorecardRow[]>();
    const all: ScorecardRow[] = [];
    const tiers = new Map<string, TierCountRow>();
    for await (const rows of this.store.scorecardRows(filters, visibility)) {
      for (const row of rows) {
        all.push(row);
        const key = row[groupBy] ?? UNASSIGNED;
        const list = groups.get(key);
        if (list) list.push(row);
        else groups.set(key, [row]);
        const tierKey = JSON.stringify([
          row[groupBy] ?? null,
          row.tier ?? null,
        ]);
        const counted = tiers.get(tierKey);
        if (counted) counted.count += 1;
        else
          tiers.set(tierKey, {
            key: row[groupBy] ?? null,
            tier: row.tier ?? null,
            count: 1,
          });
      }
    }
    return {
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rows]) => withNotAssessed(aggregateGroup(key, rows), rows)),
      total: withNotAssessed(aggregateGroup('all', all), all),
      tierCounts: [...tiers.values()],
    };
  }

  /** Share of matching components meeting their target, per day of the last `days`. */
  async trend(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    days: number,
    now = new Date(),
  ): Promise<ScorecardTrendResponse> {
    const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000)
      .toISOString()
      .slice(0, 10);
    return { points: await this.store.trend(filters, visibility, since) };
  }

  /** CSV of every row matching the filters, written chunk by chunk. */
  async *exportCsv(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    dimensions: string[],
  ): AsyncGenerator<string> {
    yield `${[
      'entityRef',
      'title',
      'owner',
      'system',
      'domain',
      'tier',
      'lifecycle',
      'overallLevel',
      'targetLevel',
      'meetsTarget',
      'score',
      'missingForTarget',
      'type',
      ...dimensions,
      'warnings',
      'computedAt',
      ...KPI_CSV_COLUMNS,
    ]
      .map(csvCell)
      .join(',')}\r\n`;
    for await (const rows of this.store.scorecardRows(filters, visibility)) {
      const kpis = await this.componentKpis(
        filters,
        visibility,
        rows.map(r => r.entityRef),
      );
      yield rows
        .map(
          row =>
            `${[
              row.entityRef,
              // The display name: the title, else the name.
              row.title ?? row.name,
              row.owner,
              row.system,
              row.domain,
              row.tier,
              row.lifecycle,
              row.overallLevel,
              row.targetLevel,
              row.meetsTarget,
              row.score,
              row.missingForTarget,
              row.specType,
              ...dimensions.map(d => row.dimensionLevels[d]),
              row.warningCount,
              row.computedAt,
              ...kpiCsvCells(kpis.groups.get(row.entityRef) ?? kpis.empty),
            ]
              .map(csvCell)
              .join(',')}\r\n`,
        )
        .join('');
    }
  }
}

/**
 * One CSV cell (RFC 4180 quoting). Text starting with a formula character is prefixed with
 * a quote so spreadsheets do not execute it.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The API's aggregate of one group, from the database's sums and distributions. */
export function toGroupAggregate(
  key: string,
  row: AggregateRow,
): GroupAggregate {
  const stats = (s: { sum: number; distribution: number[] }): LevelStats => ({
    mean: row.count === 0 ? 0 : s.sum / row.count,
    distribution: s.distribution as LevelStats['distribution'],
  });
  return {
    key,
    count: row.count,
    meetingTarget: row.meetingTarget,
    shareMeetingTarget:
      row.withTarget === 0 ? null : row.meetingTarget / row.withTarget,
    meanScore: row.count === 0 ? 0 : row.scoreMilliSum / 1000 / row.count,
    overall: stats(row.overall),
    dimensions:
      row.count === 0
        ? {}
        : Object.fromEntries(
            Object.entries(row.dimensions).map(([name, s]) => [name, stats(s)]),
          ),
  };
}

/** The aggregate of the union of groups: counts, sums and distributions add up. */
export function sumAggregates(rows: AggregateRow[]): AggregateRow {
  const addStats = (
    into: { sum: number; distribution: number[] },
    from: { sum: number; distribution: number[] },
  ) => {
    into.sum += from.sum;
    from.distribution.forEach((n, level) => {
      into.distribution[level] = (into.distribution[level] ?? 0) + n;
    });
  };
  const emptyStats = () => ({ sum: 0, distribution: [0, 0, 0, 0, 0, 0] });
  const total: AggregateRow = {
    key: null,
    count: 0,
    withTarget: 0,
    meetingTarget: 0,
    notAssessed: 0,
    scoreMilliSum: 0,
    overall: emptyStats(),
    dimensions: {},
  };
  for (const row of rows) {
    total.count += row.count;
    total.withTarget += row.withTarget;
    total.meetingTarget += row.meetingTarget;
    total.notAssessed += row.notAssessed;
    total.scoreMilliSum += row.scoreMilliSum;
    addStats(total.overall, row.overall);
    for (const [name, stats] of Object.entries(row.dimensions)) {
      total.dimensions[name] ??= emptyStats();
      addStats(total.dimensions[name], stats);
    }
  }
  return total;
}
