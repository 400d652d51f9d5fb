import { CampaignSummary } from '@dsomm/plugin-dsomm-common';

// Plain YAML keys stay bare; anything else (colons, quotes, leading symbols) is quoted as
// JSON, which YAML reads as a double-quoted string.
function yamlKey(key: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(key) && !key.endsWith(' ')
    ? key
    : JSON.stringify(key);
}

/**
 * The app-config snippet that makes a finished campaign's goal the target of its tiers
 * (`dsomm.targets.tiers.<tier>.level` or `.dimensions`), or undefined when the campaign
 * cannot be promoted: it has not ended, not every component in scope reached the goal (or
 * none is in scope), its goal is a set of activities (targets are levels), or its scope is
 * not whole tiers (a campaign over one team's components says nothing of the whole tier).
 */
export function promotionSnippet(
  campaign: Pick<
    CampaignSummary,
    'scope' | 'goal' | 'deadline' | 'inScope' | 'done'
  >,
  now: Date,
): string | undefined {
  const { scope, goal } = campaign;
  const tiers = scope.tier ?? [];
  const otherFilters = Object.entries(scope).some(
    ([key, values]) => key !== 'tier' && values && values.length > 0,
  );
  if (Date.parse(campaign.deadline) > now.getTime()) return undefined;
  if (campaign.inScope === 0 || campaign.done !== campaign.inScope) {
    return undefined;
  }
  if (tiers.length === 0 || otherFilters || 'activities' in goal) {
    return undefined;
  }
  const lines = ['dsomm:', '  targets:', '    tiers:'];
  for (const tier of tiers) {
    lines.push(`      ${yamlKey(tier)}:`);
    if ('level' in goal) {
      lines.push(`        level: ${goal.level}`);
    } else {
      lines.push('        dimensions:');
      for (const [dimension, level] of Object.entries(goal.dimensions)) {
        lines.push(`          ${yamlKey(dimension)}: ${level}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
