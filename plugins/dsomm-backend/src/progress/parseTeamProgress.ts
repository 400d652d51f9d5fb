import {
  Document,
  LineCounter,
  Node,
  YAMLError,
  isAlias,
  isMap,
  isScalar,
  parseDocument,
  visit,
} from 'yaml';
import { ProgressSyntaxError, UnprocessableProgressError } from './errors';

/** One state of one activity for one DSOMM team, as the file gives it. */
export interface TeamProgressEntry {
  activityId: string;
  team: string;
  state: string;
  /** ISO 8601, UTC. */
  date: string;
}

export interface ParseTeamProgressOptions {
  /** The state names the file may use (`dsomm.progress.states`). */
  states: string[];
  /** Dates later than a day after this are refused: a future date would stretch the expiry. */
  now: Date;
  /** How many alias expansions the document may need in all; the yaml package's default. */
  maxAliasCount?: number;
}

const MAX_KEY_LENGTH = 200;
/** Team progress nests four levels; deeper flow nesting only serves to exhaust the parser. */
const MAX_FLOW_DEPTH = 16;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/** `progress.<id>["Team A"].Planned`, readable and unambiguous. */
export function keyPath(parts: string[]): string {
  return parts
    .map((part, i) => {
      if (i === 0) return part;
      return /^[A-Za-z0-9_-]+$/.test(part)
        ? `.${part}`
        : `[${JSON.stringify(part)}]`;
    })
    .join('');
}

/** A date-only or date-time string as ISO 8601 UTC, or undefined when it is no real date. */
export function normalizeProgressDate(value: string): string | undefined {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const iso = `${value}T00:00:00.000Z`;
    const parsed = new Date(iso);
    // Rejects days such as 2025-02-30, which Date would roll over.
    return !isNaN(parsed.getTime()) && parsed.toISOString() === iso
      ? iso
      : undefined;
  }
  if (!DATE_TIME.test(value)) return undefined;
  const parsed = new Date(value.replace(' ', 'T'));
  return isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

function syntaxError(error: YAMLError): ProgressSyntaxError {
  const pos = error.linePos?.[0];
  const where = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown line';
  const first = error.message.split('\n')[0].replace(/ at line \d+.*$/, '');
  return new ProgressSyntaxError(
    `Team progress is not valid YAML at ${where}: ${first}`,
  );
}

/**
 * Refuses flow collections (`[`, `{`) nested deeper than MAX_FLOW_DEPTH before the YAML parser
 * sees them: it recurses per level, and half a megabyte of `[` exhausts its memory. Brackets
 * inside quoted names count too, which only matters for names holding many unclosed ones.
 */
function checkFlowDepth(text: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) {
        throw new ProgressSyntaxError(
          `Team progress is not valid YAML at line ${line}: collections nest deeper than ${MAX_FLOW_DEPTH} levels`,
        );
      }
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
}

/** Walks the parsed document, failing with the key path and line of the first wrong shape. */
class Walker {
  private readonly states: Set<string>;

  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly options: ParseTeamProgressOptions,
  ) {
    this.states = new Set(options.states);
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private fail(parts: string[], node: unknown, problem: string): never {
    const range = (node as Node | undefined)?.range;
    const line = range
      ? ` (line ${this.lineCounter.linePos(range[0]).line})`
      : '';
    throw new UnprocessableProgressError(
      `${keyPath(parts)}: ${problem}${line}`,
    );
  }

  /** The pairs of a mapping node, keys as strings; fails naming `parts` otherwise. */
  private pairs(node: unknown, parts: string[], what: string) {
    const map = this.resolve(node);
    // A key with nothing under it (`Team A:`) holds no entries, as an empty mapping.
    if (map === null || (isScalar(map) && map.value === null)) return [];
    if (!isMap(map)) this.fail(parts, node, `must be a mapping of ${what}`);
    const seen = new Set<string>();
    return map.items.map(pair => {
      const key = this.resolve(pair.key);
      if (
        !isScalar(key) ||
        key.value === null ||
        typeof key.value === 'object'
      ) {
        this.fail(parts, pair.key, `${what} must be plain names`);
      }
      const name = String(key.value);
      if (name.trim() === '' || name.length > MAX_KEY_LENGTH) {
        this.fail(
          [...parts, name.slice(0, MAX_KEY_LENGTH)],
          pair.key,
          `must be 1-${MAX_KEY_LENGTH} characters, not blank`,
        );
      }
      if (seen.has(name)) {
        this.fail([...parts, name], pair.key, 'appears twice');
      }
      seen.add(name);
      return { name, key: pair.key, value: pair.value };
    });
  }

  entries(): TeamProgressEntry[] {
    const root = this.doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) {
      this.fail(['progress'], root, 'is required; the document is empty');
    }
    const top = this.pairs(root, ['(document)'], 'top-level keys');
    for (const { name, key } of top) {
      if (name !== 'progress') {
        this.fail([name], key, 'unknown key; expected only "progress"');
      }
    }
    const progress = top.find(p => p.name === 'progress');
    if (!progress) this.fail(['progress'], root, 'is required');
    const result: TeamProgressEntry[] = [];
    const latest = this.options.now.getTime() + DAY_MS;
    for (const activity of this.pairs(
      progress.value,
      ['progress'],
      'activity ids',
    )) {
      const activityPath = ['progress', activity.name];
      for (const team of this.pairs(
        activity.value,
        activityPath,
        'team names',
      )) {
        const teamPath = [...activityPath, team.name];
        for (const state of this.pairs(team.value, teamPath, 'state names')) {
          const statePath = [...teamPath, state.name];
          if (!this.states.has(state.name)) {
            this.fail(
              statePath,
              state.key,
              `unknown state; expected one of ${this.options.states.join(
                ', ',
              )} (dsomm.progress.states)`,
            );
          }
          const value = this.resolve(state.value);
          const raw =
            isScalar(value) && typeof value.value === 'string'
              ? value.value
              : undefined;
          const date =
            raw === undefined ? undefined : normalizeProgressDate(raw);
          if (!date) {
            this.fail(
              statePath,
              state.value ?? state.key,
              'must be a date such as 2025-01-31 or an ISO 8601 date-time',
            );
          }
          if (Date.parse(date) > latest) {
            this.fail(statePath, state.value, `${raw} is in the future`);
          }
          result.push({
            activityId: activity.name,
            team: team.name,
            state: state.name,
            date,
          });
        }
      }
    }
    return result;
  }
}

/**
 * Reads DSOMM's `team-progress.yaml` (`progress: {<activity id>: {<team>: {<state>: <date>}}}`),
 * or the same as JSON. Parsed safely: YAML 1.2 core schema (no language-specific types),
 * explicit tags refused, alias expansion bounded. Throws ProgressSyntaxError (400) naming the
 * line for bad YAML, UnprocessableProgressError (422) naming the key for a wrong shape.
 */
export function parseTeamProgress(
  text: string,
  options: ParseTeamProgressOptions,
): TeamProgressEntry[] {
  checkFlowDepth(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    lineCounter,
    // Duplicate keys are found by the walk below: the yaml package's own check is quadratic.
    uniqueKeys: false,
    prettyErrors: true,
  });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw syntaxError(problem);
  visit(doc, (_key, node) => {
    if (
      node &&
      typeof node === 'object' &&
      'tag' in node &&
      (node as Node).tag !== undefined
    ) {
      const range = (node as Node).range;
      const line = range ? lineCounter.linePos(range[0]).line : '?';
      throw new ProgressSyntaxError(
        `Team progress is not valid YAML at line ${line}: tags such as ${
          (node as Node).tag
        } are not accepted`,
      );
    }
  });
  try {
    // Expands aliases once with the limit, so that the walk below cannot blow up.
    doc.toJS({
      maxAliasCount: options.maxAliasCount ?? 100,
      mapAsMap: true,
    });
  } catch (error) {
    throw new ProgressSyntaxError(
      `Team progress is not valid YAML: ${(error as Error).message}`,
    );
  }
  return new Walker(doc, lineCounter, options).entries();
}
