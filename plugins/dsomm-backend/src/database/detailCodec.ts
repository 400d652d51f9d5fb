import { ActivityScore, EvidenceItem } from '@dsomm/plugin-dsomm-common';
import { StoredScore } from './rows';

/**
 * The stored form of a score's detail. Most of a detail is evidence, and most evidence items
 * of one score differ only in their activity (every activity listed in one annotation, every
 * activity a report proves, an organisation's attestations): each distinct item is stored once,
 * without its activity, in `evidence`, and each activity lists the items it has by position.
 * That keeps a detail about a fifth of its plain JSON, which is what a recompute writes and a
 * reader parses. Details written before (no `detailVersion`) are read as they are.
 */
interface EncodedDetail extends Omit<StoredScore, 'activities'> {
  detailVersion: 2;
  /** [activityId, level, status, evidence positions, contradiction?] */
  activities: Array<
    | [string, ActivityScore['level'], ActivityScore['status'], number[]]
    | [
        string,
        ActivityScore['level'],
        ActivityScore['status'],
        number[],
        string,
      ]
  >;
  evidence: Array<Omit<EvidenceItem, 'activityId'>>;
}

/** Distinct numbers for the objects an evidence item holds (details), by identity. */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function identityOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(value, id);
  }
  return id;
}

/**
 * An encoder for the scores of one batch: items equal but for their activity share one frozen
 * body, also across the batch's scores, so each body's text is made once. Two items count as
 * equal when their values are equal and the objects they hold (details) are the same objects,
 * which is how scoring shares them; equal items held in different objects are merely stored
 * twice.
 */
function detailEncoder(): (score: StoredScore) => EncodedDetail {
  const bodies = new Map<string, Readonly<Omit<EvidenceItem, 'activityId'>>>();
  // Scoring shares one item between many scores (an annotation's, a scope's): looked up once.
  const bodyOfItem = new WeakMap<
    EvidenceItem,
    Omit<EvidenceItem, 'activityId'>
  >();
  const bodyOf = (item: EvidenceItem) => {
    const known = bodyOfItem.get(item);
    if (known) return known;
    let key = '';
    for (const name of Object.keys(item)) {
      if (name === 'activityId') continue;
      const value = (item as unknown as Record<string, unknown>)[name];
      if (value === undefined) continue;
      // Names are the item's own field names; values are quoted, so no two keys collide.
      key += `${name}:${
        typeof value === 'object' && value !== null
          ? `#${identityOf(value)}`
          : JSON.stringify(value)
      },`;
    }
    let body = bodies.get(key);
    if (!body) {
      const { activityId: _, ...rest } = item;
      body = Object.freeze(rest);
      bodies.set(key, body);
    }
    bodyOfItem.set(item, body);
    return body;
  };
  return score => {
    const evidence: Array<Omit<EvidenceItem, 'activityId'>> = [];
    const positions = new Map<object, number>();
    const activities: EncodedDetail['activities'] = score.activities.map(a => {
      const at = a.evidence.map(item => {
        const body = bodyOf(item);
        let position = positions.get(body);
        if (position === undefined) {
          position = evidence.length;
          evidence.push(body);
          positions.set(body, position);
        }
        return position;
      });
      return a.contradiction === undefined
        ? [a.activityId, a.level, a.status, at]
        : [a.activityId, a.level, a.status, at, a.contradiction];
    });
    return { ...score, detailVersion: 2, activities, evidence };
  };
}

/**
 * A writer for the scores of one batch: each score's detail as stored, and the same without
 * the time it was computed (what `scoreDigest` hashes), from one serialisation. The time leads
 * the stored text; key order does not matter to readers. Each evidence body's text is made
 * once per batch.
 */
export function detailWriter(): (score: StoredScore) => {
  detail: string;
  timeless: string;
} {
  const encode = detailEncoder();
  const bodyTexts = new WeakMap<object, string>();
  const bodyText = (body: object) => {
    let text = bodyTexts.get(body);
    if (text === undefined) {
      text = JSON.stringify(body);
      bodyTexts.set(body, text);
    }
    return text;
  };
  return score => {
    const { computedAt, evidence, ...rest } = encode(score);
    // Never '{}': it holds detailVersion at least.
    const head = JSON.stringify(rest);
    const timeless = `${head.slice(0, -1)},"evidence":[${evidence
      .map(bodyText)
      .join(',')}]}`;
    return {
      timeless,
      detail: `{"computedAt":${JSON.stringify(computedAt)},${timeless.slice(
        1,
      )}`,
    };
  };
}

/** A stored detail as the score it was written from (see `detailWriter`). */
export function decodeDetail(text: string): StoredScore {
  const stored = JSON.parse(text);
  if (stored?.detailVersion !== 2) return stored as StoredScore;
  const {
    detailVersion: _,
    evidence,
    activities,
    ...rest
  } = stored as EncodedDetail;
  return {
    ...rest,
    activities: activities.map(
      ([activityId, level, status, at, contradiction]) => ({
        activityId,
        level,
        status,
        evidence: at.map(i => ({ activityId, ...evidence[i] })),
        ...(contradiction === undefined ? {} : { contradiction }),
      }),
    ),
  } as StoredScore;
}
