/** What a CI gate can fail on (`GET /entities/{kind}/{namespace}/{name}/gate?failOn=`). */
export const GATE_RULES = ['sla-breach', 'below-target'] as const;
export type GateRule = (typeof GATE_RULES)[number];

/** One rule the component fails, with why in one line. */
export interface GateFailure {
  rule: GateRule;
  reason: string;
}

/** `GET /entities/{kind}/{namespace}/{name}/gate`: whether a component passes its CI gate. */
export interface GateResponse {
  entityRef: string;
  /** The rules that were checked. */
  failOn: GateRule[];
  pass: boolean;
  failures: GateFailure[];
}
