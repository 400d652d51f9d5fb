import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  GateResponse,
  GateRule,
  findingsPastSla,
} from '@dsomm/plugin-dsomm-common';
import {
  DsommBackendConfig,
  findingSlaDaysFor,
} from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { EntityService } from '../service/EntityService';
import { gateFailures } from './gateFailures';

/** Whether a component passes a CI gate: no finding past its tier's SLA, its target met. */
export class GateService {
  constructor(
    private readonly deps: {
      config: DsommBackendConfig;
      store: DsommStore;
      entities: EntityService;
      now?: () => Date;
    },
  ) {}

  async check(
    entityRef: string,
    rules: GateRule[],
    credentials: BackstageCredentials,
  ): Promise<GateResponse> {
    // Answers 404 for an entity the caller cannot see, and scores one that has no score yet
    // (or an out-of-date one), as reading its score does.
    const score = await this.deps.entities.getScore(entityRef, credentials);
    let pastSla: ReturnType<typeof findingsPastSla> = [];
    if (rules.includes('sla-breach')) {
      // The latest report of each tool is the current state of the component's findings.
      const reports =
        (await this.deps.store.reportsFor([entityRef])).get(entityRef) ?? [];
      pastSla = findingsPastSla(
        reports,
        findingSlaDaysFor(this.deps.config.reports, score.tier),
        this.deps.now ? this.deps.now() : new Date(),
      );
    }
    const failures = gateFailures({
      rules,
      tier: score.tier,
      pastSla,
      gap: score.gap,
    });
    return {
      entityRef,
      failOn: rules,
      pass: failures.length === 0,
      failures,
    };
  }
}
