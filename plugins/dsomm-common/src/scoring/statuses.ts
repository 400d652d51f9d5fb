import { compileModel } from '../model/compiledModel';
import { parsedTime } from './cachedTimes';
import { DsommModel, Level } from '../model/types';
import { ActivityScore, ActivityStatus, EvidenceItem } from './types';

/** Activity statuses as small integers, one per model position in a `Uint8Array`. */
export const STATUS_CODE = {
  missing: 0,
  implemented: 1,
  stale: 2,
  'not-applicable': 3,
  // Appended, so codes of stored or cached statuses keep their meaning.
  contradicted: 4,
} as const satisfies Record<ActivityStatus, number>;

const STATUS_OF_CODE: readonly ActivityStatus[] = [
  'missing',
  'implemented',
  'stale',
  'not-applicable',
  'contradicted',
];

/** The status named by a code of `STATUS_CODE`. */
export function statusOfCode(code: number): ActivityStatus {
  return STATUS_OF_CODE[code];
}

export interface StatusInput {
  model: DsommModel;
  evidence: EvidenceItem[];
  /** Ids of activities that do not apply to the entity. */
  notApplicable?: Iterable<string>;
  /**
   * Activities measured as not done (e.g. report notes with `contradicts`), with why. Valid
   * evidence for one of them does not make it implemented but `contradicted`.
   */
  contradictions?: Iterable<Contradiction>;
  now: Date;
}

/** A measurement that an activity is not done, whatever is declared about it. */
export interface Contradiction {
  activityId: string;
  /** What was measured, for people. */
  reason: string;
}

/**
 * Every activity's status, as codes by model position, and the activities that are not
 * `missing` (model order) with their evidence. Missing activities get no object: most
 * entities miss most of the model, and scoring thousands of them must stay cheap.
 */
export interface DecidedStatuses {
  /** A view of its own bytes in a block shared with others: `slice()` it to keep it long. */
  statuses: Uint8Array;
  activities: ActivityScore[];
}

/** True while an evidence item counts: it has no expiry or its expiry is still ahead. */
export function isEvidenceValid(item: EvidenceItem, now: Date): boolean {
  return isValidAt(item, now.getTime());
}

function isValidAt(item: EvidenceItem, nowMs: number): boolean {
  if (item.expiresAt === undefined) return true;
  const expires = parsedTime(item.expiresAt);
  // An unreadable expiry cannot prove the evidence is current.
  return !Number.isNaN(expires) && expires > nowMs;
}

/**
 * Decides each activity's status: not-applicable if listed so, else implemented when its best
 * evidence is still valid, stale when all of it has expired, missing without evidence.
 * An activity that would be implemented but is contradicted by a measurement is
 * `contradicted` instead, keeping its evidence, and does not count.
 * Evidence for activities the model does not have is ignored (callers warn about it).
 */
export function decideStatuses(input: StatusInput): DecidedStatuses {
  const { model } = input;
  const { ordinalById, levelOf } = compileModel(model);
  const statuses = newStatuses(levelOf.length);
  for (const id of input.notApplicable ?? []) {
    const ordinal = ordinalById.get(id);
    if (ordinal !== undefined)
      statuses[ordinal] = STATUS_CODE['not-applicable'];
  }
  const space = scratchFor(model);
  let emptied = false;
  try {
    const decided = decide(input, statuses, space);
    emptied = true;
    return decided;
  } finally {
    // decide empties the scratch as it goes; after an error, it is emptied here.
    if (!emptied) {
      space.first.fill(undefined);
      space.more.fill(undefined);
    }
  }
}

/**
 * Status arrays are cut from a shared block: a typed array of a model's size is too large to
 * live on the engine's heap, and allocating its memory apart for every entity costs more than
 * scoring it. Each array gets its own, never reused, part of a zeroed block.
 */
const STATUS_BLOCK_BYTES = 16 * 1024;
let statusBlock = new ArrayBuffer(STATUS_BLOCK_BYTES);
let statusBlockUsed = 0;
function newStatuses(length: number): Uint8Array {
  if (length > STATUS_BLOCK_BYTES / 4) return new Uint8Array(length);
  if (statusBlockUsed + length > STATUS_BLOCK_BYTES) {
    statusBlock = new ArrayBuffer(STATUS_BLOCK_BYTES);
    statusBlockUsed = 0;
  }
  const statuses = new Uint8Array(statusBlock, statusBlockUsed, length);
  statusBlockUsed += length;
  return statuses;
}

/**
 * Scratch space of `decide`, kept between calls for one model: each activity's first item and
 * any further distinct ones (most activities have one item, which needs no list), both empty
 * between calls; and the shared score last used at each position with its item, kept.
 */
interface Scratch {
  model: DsommModel;
  first: Array<EvidenceItem | undefined>;
  more: Array<EvidenceItem[] | undefined>;
  lastItem: Array<EvidenceItem | undefined>;
  lastShared: Array<ActivityScore | undefined>;
}
let scratch: Scratch | undefined;
function scratchFor(model: DsommModel): Scratch {
  if (!scratch || scratch.model !== model) {
    const size = model.activities.length;
    scratch = {
      model,
      first: new Array(size).fill(undefined),
      more: new Array(size).fill(undefined),
      lastItem: new Array(size).fill(undefined),
      lastShared: new Array(size).fill(undefined),
    };
  }
  return scratch;
}

function decide(
  input: StatusInput,
  statuses: Uint8Array,
  { first, more, lastItem, lastShared }: Scratch,
): DecidedStatuses {
  const { model } = input;
  const { ordinalById, levelOf } = compileModel(model);
  const nowMs = input.now.getTime();
  for (const item of input.evidence) {
    const ordinal = ordinalById.get(item.activityId);
    if (ordinal === undefined) continue;
    const seen = first[ordinal];
    // The same item listed twice (e.g. a key repeated in an annotation) counts once.
    if (seen === undefined) first[ordinal] = item;
    else if (seen !== item) {
      const rest = more[ordinal];
      if (!rest) more[ordinal] = [item];
      else if (!rest.includes(item)) rest.push(item);
    }
  }

  // Few activities are ever contradicted: only they get an entry.
  let contradicted: Map<number, string> | undefined;
  for (const c of input.contradictions ?? []) {
    const ordinal = ordinalById.get(c.activityId);
    if (ordinal === undefined) continue;
    contradicted ??= new Map();
    // Several measurements against one activity: people see all of them.
    const seen = contradicted.get(ordinal);
    contradicted.set(ordinal, seen ? `${seen} ${c.reason}` : c.reason);
  }

  const activities: ActivityScore[] = [];
  for (let ordinal = 0; ordinal < levelOf.length; ordinal++) {
    const one = first[ordinal];
    const notApplicable = statuses[ordinal] === STATUS_CODE['not-applicable'];
    if (one === undefined && !notApplicable) continue;
    const rest = more[ordinal];
    first[ordinal] = undefined;
    more[ordinal] = undefined;
    const contradiction = notApplicable
      ? undefined
      : contradicted?.get(ordinal);
    if (!notApplicable && contradiction === undefined && rest === undefined) {
      // Entities one after another mostly share an activity's item (e.g. the implemented
      // list's, or a scope's): the score used last time for it is reused without a look-up.
      if (lastItem[ordinal] === one) {
        statuses[ordinal] = STATUS_CODE.implemented;
        activities.push(lastShared[ordinal]!);
        continue;
      }
      if (isShareable(one!)) {
        const shared = sharedScore(one!, levelOf[ordinal]);
        lastItem[ordinal] = one;
        lastShared[ordinal] = shared;
        statuses[ordinal] = STATUS_CODE.implemented;
        activities.push(shared);
        continue;
      }
    }
    let evidence: EvidenceItem[] = [];
    if (one !== undefined) {
      evidence = rest ? sortEvidence([one, ...rest], nowMs) : [one];
    }
    if (!notApplicable) {
      if (!isValidAt(evidence[0], nowMs)) statuses[ordinal] = STATUS_CODE.stale;
      else if (contradiction === undefined) {
        statuses[ordinal] = STATUS_CODE.implemented;
      } else statuses[ordinal] = STATUS_CODE.contradicted;
    }
    const score: ActivityScore = {
      activityId: model.activities[ordinal].id,
      level: levelOf[ordinal],
      status: STATUS_OF_CODE[statuses[ordinal]],
      evidence,
    };
    if (statuses[ordinal] === STATUS_CODE.contradicted) {
      score.contradiction = contradiction;
    }
    activities.push(score);
  }
  return { statuses, activities };
}

/**
 * A frozen evidence item without expiry is the same for every entity it is evidence for (e.g.
 * an annotation's, made once per recompute) and always valid. An activity whose only evidence
 * it is has the same score everywhere, so that score is made once and shared: most of a full
 * recompute's activity scores are these, and sharing spares hundreds of thousands of objects.
 */
function isShareable(item: EvidenceItem): boolean {
  return item.expiresAt === undefined && Object.isFrozen(item);
}

const sharedScores = new WeakMap<EvidenceItem, ActivityScore>();

function sharedScore(item: EvidenceItem, level: Level): ActivityScore {
  let score = sharedScores.get(item);
  // (Another model with the same activity id at another level gets its own.)
  if (!score || score.level !== level) {
    score = Object.freeze({
      activityId: item.activityId,
      level,
      status: 'implemented' as const,
      evidence: Object.freeze([item]) as EvidenceItem[],
    });
    sharedScores.set(item, score);
  }
  return score;
}

/** Status codes by model position for a list of scored activities; unlisted ones are missing. */
export function statusesOf(
  model: DsommModel,
  activities: ReadonlyArray<Pick<ActivityScore, 'activityId' | 'status'>>,
): Uint8Array {
  const { ordinalById, levelOf } = compileModel(model);
  const statuses = new Uint8Array(levelOf.length);
  for (const activity of activities) {
    const ordinal = ordinalById.get(activity.activityId);
    if (ordinal !== undefined) {
      statuses[ordinal] = STATUS_CODE[activity.status];
    }
  }
  return statuses;
}

/** Lists longer than this are sorted by `Array.prototype.sort`; shorter ones in place. */
const INSERTION_SORT_MAX = 16;

/**
 * Valid evidence first, then newest observation first, so `[0]` decides the status. Equal
 * items keep their order. `items` is the caller's own list and may be reordered in place.
 */
export function sortEvidence(
  items: EvidenceItem[],
  nowMs: number,
): EvidenceItem[] {
  const n = items.length;
  if (n <= 1) return items;
  if (n > INSERTION_SORT_MAX) return sortedByArray(items, nowMs);
  // Most lists hold two or three items (e.g. an own and an inherited one): an insertion sort
  // on keys worked out once per item spares the objects and closures of a general sort.
  const valid: boolean[] = new Array(n);
  const observed: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    const v = isValidAt(item, nowMs);
    const o = parsedTime(item.observedAt) || 0;
    let j = i - 1;
    // Moves past only items that sort strictly after this one, which keeps the order stable.
    while (j >= 0 && (valid[j] === v ? observed[j] < o : v && !valid[j])) {
      items[j + 1] = items[j];
      valid[j + 1] = valid[j];
      observed[j + 1] = observed[j];
      j--;
    }
    items[j + 1] = item;
    valid[j + 1] = v;
    observed[j + 1] = o;
  }
  return items;
}

function sortedByArray(items: EvidenceItem[], nowMs: number): EvidenceItem[] {
  return items
    .map(item => ({
      item,
      valid: isValidAt(item, nowMs),
      observed: parsedTime(item.observedAt) || 0,
    }))
    .sort(
      (a, b) => Number(b.valid) - Number(a.valid) || b.observed - a.observed,
    )
    .map(entry => entry.item);
}
