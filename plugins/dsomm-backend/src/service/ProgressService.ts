import { randomUUID } from 'crypto';
import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Attestation,
  DsommModel,
  ProgressImportEntry,
  ProgressImportResponse,
  ProgressStateEntry,
  ProgressUnknownActivity,
  TeamProgressDocument,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { normalizeRef } from '../scoring/entityFacts';
import { ProgressSyntaxError } from '../progress/errors';
import {
  DSOMM_TEAM_ANNOTATION,
  GroupForMapping,
  exportTeamNames,
  matchTeams,
} from '../progress/mapTeams';
import {
  TeamProgressEntry,
  parseTeamProgress,
} from '../progress/parseTeamProgress';
import { ExportEntry, toTeamProgress } from '../progress/serialiseTeamProgress';
import { catalogReadCredentials } from './catalogCredentials';

const DAY_MS = 24 * 60 * 60 * 1000;
const GROUP_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
];

function toMappingGroup(entity: Entity): GroupForMapping {
  const team = entity.metadata.annotations?.[DSOMM_TEAM_ANNOTATION];
  return {
    ref: normalizeRef(stringifyEntityRef(entity)),
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(team ? { team } : {}),
  };
}

/** Comment of an imported attestation; names the DSOMM team so the evidence tells where it came from. */
export function importComment(team: string): string {
  return `Imported from DSOMM team progress (team ${team})`;
}

/**
 * Imports and exports team progress in the format of DSOMM's own app: the done state as group
 * attestations, earlier states in a table of their own.
 */
export class ProgressService {
  constructor(
    private readonly deps: {
      model: DsommModel;
      config: DsommBackendConfig;
      store: DsommStore;
      catalog: CatalogService;
      auth: AuthService;
      /**
       * Reads a team-progress text; the backend passes its parse pool's, so that the YAML
       * parser runs off the event loop, within the parse budgets. Default: in this thread.
       */
      parse?: (
        text: string,
        options: { states: string[]; now: Date },
      ) => Promise<TeamProgressEntry[]>;
      /** Re-scores the components below scopes after their evidence changed; must not throw. */
      rescoreScopes?: (scopeRefs: string[]) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** Every Group of the catalog, read as the plugin: team names may match groups the caller cannot list. */
  private async allGroups(): Promise<GroupForMapping[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const groups: GroupForMapping[] = [];
    for await (const page of this.deps.catalog.streamEntities(
      { filter: { kind: 'Group' }, fields: GROUP_FIELDS },
      { credentials },
    )) {
      groups.push(...page.map(toMappingGroup));
    }
    return groups;
  }

  /**
   * Imports a team-progress file. `authorizeGroups` is asked about every group the file
   * writes to before anything is stored, and throws to refuse; all entries land or none.
   */
  async import(
    body: Buffer,
    explicitTeams: Map<string, string>,
    actor: string,
    authorizeGroups: (groupRefs: string[]) => Promise<void>,
  ): Promise<ProgressImportResponse> {
    const { config, model, store } = this.deps;
    const { states, doneState, expiryDays } = config.progress;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new ProgressSyntaxError('Team progress is not UTF-8 text');
    }
    const now = this.now();
    const entries = this.deps.parse
      ? await this.deps.parse(text, { states, now })
      : parseTeamProgress(text, { states, now });

    const teams = [...new Set(entries.map(e => e.team))];
    const groups = await this.allGroups();
    const known = new Set(groups.map(g => g.ref));
    for (const [team, ref] of explicitTeams) {
      if (!known.has(ref)) {
        throw new InputError(
          `team: "${team}" is mapped to ${ref}, which is not a Group in the catalog`,
        );
      }
    }
    const { matched, unmatched } = matchTeams(teams, groups, explicitTeams);

    const index = indexModel(model);
    const unknown = new Map<string, Set<string>>();
    const wanted: ProgressImportEntry[] = [];
    for (const entry of entries) {
      const activity = index.resolve(entry.activityId);
      if (!activity) {
        const list = unknown.get(entry.activityId) ?? new Set<string>();
        unknown.set(entry.activityId, list.add(entry.team));
      }
      const groupRef = matched.get(entry.team);
      if (activity && groupRef) {
        wanted.push({
          groupRef,
          team: entry.team,
          activityId: activity.id,
          state: entry.state,
          date: entry.date,
        });
      }
    }
    const groupRefs = [...new Set(wanted.map(e => e.groupRef))].sort();
    if (groupRefs.length > 0) await authorizeGroups(groupRefs);

    const stored = await store.transaction(async tx => {
      // Two imports of one file at once must not both insert the same attestations.
      await tx.lockEntities(groupRefs);
      return this.store(tx, wanted, groupRefs, actor, now, {
        doneState,
        expiryDays,
      });
    });
    // The import is committed; the components below each group with new attestations are
    // re-scored now (a failure there is logged, and the next full recompute applies it).
    const changed = [
      ...new Set(
        stored.imported.filter(e => e.attestationId).map(e => e.groupRef),
      ),
    ];
    if (changed.length > 0) await this.deps.rescoreScopes?.(changed);

    const unknownActivities: ProgressUnknownActivity[] = [...unknown].map(
      ([activityId, byTeam]) => ({ activityId, teams: [...byTeam].sort() }),
    );
    return {
      ...stored,
      unmatchedTeams: unmatched.map(u => ({
        ...u,
        activityIds: [
          ...new Set(
            entries.filter(e => e.team === u.team).map(e => e.activityId),
          ),
        ],
      })),
      unknownActivities,
    };
  }

  private async store(
    tx: DsommStore,
    wanted: ProgressImportEntry[],
    groupRefs: string[],
    actor: string,
    now: Date,
    options: { doneState: string; expiryDays: number },
  ): Promise<Pick<ProgressImportResponse, 'imported' | 'alreadyPresent'>> {
    const key = (e: { groupRef: string; activityId: string; state: string }) =>
      `${e.groupRef}\n${e.activityId}\n${e.state}`;
    // The same group, activity and done date: that attestation is already there.
    const attested = new Map<string, string>();
    for (const a of await tx.groupAttestations(groupRefs)) {
      attested.set(
        `${key({ ...a, groupRef: a.entityRef, state: options.doneState })}\n${
          a.attestedAt
        }`,
        a.id,
      );
    }
    const states = new Map<string, string>();
    for (const s of await tx.progressStates(groupRefs))
      states.set(key(s), s.date);

    const imported: ProgressImportEntry[] = [];
    const alreadyPresent: ProgressImportEntry[] = [];
    const newStates: ProgressStateEntry[] = [];
    for (const entry of wanted) {
      if (entry.state === options.doneState) {
        const id = attested.get(`${key(entry)}\n${entry.date}`);
        if (id) {
          alreadyPresent.push({ ...entry, attestationId: id });
          continue;
        }
        const attestation: Attestation = {
          id: randomUUID(),
          entityRef: entry.groupRef,
          activityId: entry.activityId,
          comment: importComment(entry.team),
          attestedBy: actor,
          attestedAt: entry.date,
          expiresAt: new Date(
            Date.parse(entry.date) + options.expiryDays * DAY_MS,
          ).toISOString(),
        };
        await tx.insertAttestation(attestation);
        attested.set(`${key(entry)}\n${entry.date}`, attestation.id);
        imported.push({ ...entry, attestationId: attestation.id });
      } else if (states.get(key(entry)) === entry.date) {
        alreadyPresent.push(entry);
      } else {
        states.set(key(entry), entry.date);
        newStates.push(entry);
        imported.push(entry);
      }
    }
    await tx.saveProgressStates(
      newStates.map(({ groupRef, activityId, state, date }) => ({
        groupRef,
        activityId,
        state,
        date,
      })),
      actor,
      now.toISOString(),
    );
    return { imported, alreadyPresent };
  }

  /**
   * Progress states short of done of one group, for the team matrix: shown next to the
   * activities, not counted.
   */
  async statesFor(groupRef: string): Promise<ProgressStateEntry[]> {
    return this.deps.store.progressStates([groupRef]);
  }

  /**
   * The progress of one group, or of every group with any, in DSOMM's format. Only groups the
   * caller can read in the catalog; a named group the caller cannot read is not found.
   */
  async export(
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<TeamProgressDocument> {
    const { store, catalog, auth, config } = this.deps;
    const { states, doneState } = config.progress;
    const [attestations, stateRows] = await Promise.all([
      store.groupAttestations(groupRef ? [groupRef] : undefined),
      store.progressStates(groupRef ? [groupRef] : undefined),
    ]);
    const refs = groupRef
      ? [groupRef]
      : [
          ...new Set([
            ...attestations.map(a => a.entityRef),
            ...stateRows.map(s => s.groupRef),
          ]),
        ].sort();
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: GROUP_FIELDS },
      { credentials: await catalogReadCredentials(auth, credentials) },
    );
    const visible = items.filter(
      (e): e is Entity => !!e && e.kind.toLocaleLowerCase('en-US') === 'group',
    );
    if (groupRef && visible.length === 0) {
      throw new NotFoundError(`Group ${groupRef} is not in the catalog`);
    }
    const names = exportTeamNames(visible.map(toMappingGroup));
    const entries: ExportEntry[] = [];
    for (const a of attestations) {
      const team = names.get(a.entityRef);
      if (team !== undefined) {
        entries.push({
          team,
          activityId: a.activityId,
          state: doneState,
          date: a.attestedAt,
        });
      }
    }
    for (const s of stateRows) {
      const team = names.get(s.groupRef);
      // States no longer configured (or now the done state) would not import again.
      if (
        team !== undefined &&
        s.state !== doneState &&
        states.includes(s.state)
      ) {
        entries.push({ team, ...s });
      }
    }
    return toTeamProgress(entries, states);
  }
}
