/**
 * Shared by the SARIF, CycloneDX, SPDX and ZAP parser tests: error and count helpers, and
 * property-test inputs (weird values and random structural edits of a document).
 */
import fc from 'fast-check';
import { ReportSummary } from '@dsomm/plugin-dsomm-common';
import { ReportParseError } from '../../ReportParseError';
import { ReportParser } from '../types';
import { expectRobust } from './robustness';

export function sumOfCounts(summary: ReportSummary): number {
  return Object.values(summary.counts).reduce((a, b) => a + b, 0);
}

export function parseError(fn: () => unknown): ReportParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReportParseError) return error;
    throw error;
  }
  throw new Error('expected a ReportParseError');
}

export const anything = fc.anything({
  withBoxedValues: true,
  withNullPrototype: true,
  withSparseArray: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withBigInt: true,
  withTypedArray: true,
  withObjectString: true,
});

interface Edit {
  pick: number;
  action: number;
  value: unknown;
}
export const edits = fc.array(
  fc.record({ pick: fc.nat(), action: fc.nat(4), value: anything }),
  { minLength: 1, maxLength: 6 },
);

/** Lists and plain objects, the only containers JSON.parse and parseXml make. */
function isPlainContainer(node: unknown): node is object {
  if (Array.isArray(node)) return true;
  if (typeof node !== 'object' || node === null) return false;
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

/** Every (container, key) slot of a document, breadth-first. */
function slots(root: unknown) {
  const out: { parent: Record<string | number, unknown>; key: string }[] = [];
  const queue = [root];
  for (let i = 0; i < queue.length && out.length < 50000; i++) {
    const node = queue[i];
    if (!isPlainContainer(node)) continue;
    for (const key of Object.keys(node)) {
      const parent = node as Record<string, unknown>;
      out.push({ parent, key });
      queue.push(parent[key]);
    }
  }
  return out;
}

/** Replaces, deletes, truncates or re-types random parts of a document. */
export function mutate(doc: unknown, changes: Edit[]): unknown {
  let root = doc;
  for (const { pick, action, value } of changes) {
    const all = slots(root);
    if (all.length === 0) {
      root = value;
      continue;
    }
    const { parent, key } = all[pick % all.length];
    const current = parent[key];
    switch (action) {
      case 0:
        parent[key] = value;
        break;
      case 1:
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 2:
        if (Array.isArray(current) || typeof current === 'string') {
          parent[key] = current.slice(0, Math.floor(current.length / 2));
        } else parent[key] = null;
        break;
      case 3:
        if (Array.isArray(current)) parent[key] = { ...current };
        else if (typeof current === 'object' && current !== null) {
          parent[key] = Object.values(current);
        } else parent[key] = [current];
        break;
      default:
        root = value;
    }
  }
  return root;
}

/**
 * Random structural edits of a report (`text`, read with `read`): each gives a summary or a
 * ReportParseError.
 */
export function expectSurvivesEdits(
  parser: ReportParser,
  text: string,
  read: (text: string) => unknown,
  numRuns = 200,
) {
  fc.assert(
    fc.property(edits, changes => {
      expectRobust(parser, mutate(read(text), changes));
    }),
    { numRuns },
  );
}

/**
 * The report's text whole once, then with a random slice cut out. Cuts that `read` rejects
 * are skipped: no longer JSON or XML, the caller answers them before any parser runs.
 */
export function expectSurvivesCuts(
  parser: ReportParser,
  text: string,
  read: (text: string) => unknown,
  numRuns: number,
) {
  expectRobust(parser, read(text));
  fc.assert(
    fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
      const cut = text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b));
      let doc: unknown;
      try {
        doc = read(cut);
      } catch {
        return;
      }
      expectRobust(parser, doc);
    }),
    { numRuns },
  );
}
