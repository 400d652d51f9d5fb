import { InputError } from '@backstage/errors';
import {
  GATE_RULES,
  GateFailure,
  GateRule,
  PastSla,
  TargetGap,
} from '@dsomm/plugin-dsomm-common';

/**
 * The rules named by `failOn` (already split into a list), in the order of GATE_RULES; none
 * named means every rule. An unknown one is refused, naming it.
 */
export function parseFailOn(values: string[] | undefined): GateRule[] {
  if (values === undefined) return [...GATE_RULES];
  for (const value of values) {
    if (!(GATE_RULES as readonly string[]).includes(value)) {
      throw new InputError(
        `failOn: unknown rule "${value}"; expected ${GATE_RULES.join(' or ')}`,
      );
    }
  }
  return GATE_RULES.filter(rule => values.includes(rule));
}

/** Why a component fails the gate's rules, one line per failed rule; none when it passes. */
export function gateFailures(input: {
  rules: GateRule[];
  tier?: string;
  pastSla: PastSla[];
  gap: TargetGap;
}): GateFailure[] {
  const failures: GateFailure[] = [];
  if (input.rules.includes('sla-breach') && input.pastSla.length > 0) {
    const total = input.pastSla.reduce((n, p) => n + p.count, 0);
    const tier = input.tier === undefined ? '' : ` (tier ${input.tier})`;
    const parts = input.pastSla.map(
      p => `${p.count} ${p.severity} over ${p.slaDays} days`,
    );
    failures.push({
      rule: 'sla-breach',
      reason: `${total} open finding(s) past their SLA${tier}: ${parts.join(
        ', ',
      )}, e.g. ${input.pastSla[0].example}`,
    });
  }
  if (input.rules.includes('below-target') && !input.gap.meetsTarget) {
    const below = input.gap.dimensions
      .filter(d => !d.meetsTarget)
      .map(d => `${d.dimension} at level ${d.achieved} of ${d.target}`);
    failures.push({
      rule: 'below-target',
      reason: `below its target: ${below.join(', ')}`,
    });
  }
  return failures;
}
