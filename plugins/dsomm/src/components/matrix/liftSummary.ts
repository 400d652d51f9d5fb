import { parseEntityRef } from '@backstage/catalog-model';
import {
  ScopePreviewComponent,
  ScopePreviewResponse,
} from '@dsomm/plugin-dsomm-common';

/** Components named in the summary line at most; the full list follows it. */
const NAMED_AT_MOST = 5;

/** A component's title, else the name of its ref. */
export function componentLabel(component: ScopePreviewComponent): string {
  if (component.title) return component.title;
  try {
    return parseEntityRef(component.entityRef).name;
  } catch {
    return component.entityRef;
  }
}

/** `payments-api 1 -> 2` (levels only; the list shows scores). */
function liftLabel(component: ScopePreviewComponent): string {
  return `${componentLabel(component)} ${component.before.overallLevel} → ${
    component.after.overallLevel
  }`;
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * One sentence of what the previewed marks would do below the scope, e.g. "Lifts 1 of 9
 * components: payments-api 1 → 2; changes 7; 1 would meet its target."
 */
export function liftSummary(preview: ScopePreviewResponse): string {
  if (preview.count === 0) {
    return 'No components below this scope that you can see.';
  }
  if (preview.changed === 0) {
    return `Changes none of the ${plural(
      preview.count,
      'component',
      'components',
    )} below: ${
      preview.status === 'implemented'
        ? 'they have it already'
        : 'they have it already or evidence of their own'
    }.`;
  }
  const lifted = preview.components.filter(
    c => c.after.overallLevel > c.before.overallLevel,
  );
  const named = lifted.slice(0, NAMED_AT_MOST).map(liftLabel);
  if (preview.lifted > named.length) {
    named.push(`${preview.lifted - named.length} more`);
  }
  const parts = [
    preview.lifted > 0
      ? `Lifts ${preview.lifted} of ${plural(
          preview.count,
          'component',
          'components',
        )}: ${named.join(', ')}`
      : `Lifts none of the ${plural(preview.count, 'component', 'components')}`,
    preview.status === 'implemented'
      ? `adds evidence to ${preview.changed}`
      : `waives for ${preview.changed}`,
  ];
  if (preview.newlyMeetingTarget > 0) {
    parts.push(
      `${preview.newlyMeetingTarget} would meet ${
        preview.newlyMeetingTarget === 1 ? 'its target' : 'their targets'
      }`,
    );
  }
  return `${parts.join('; ')}.`;
}
