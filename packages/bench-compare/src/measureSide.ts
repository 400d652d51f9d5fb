import { StartedSide, SideName, SideResult } from './side';
import { percentile } from './stats';

/** One-entity reads per round, spread over the org. */
export const ENTITY_READS = 30;

/**
 * Measures a started side in the order both sides share: the scheduled job twice (the second
 * with nothing changed), one-entity reads, then the org view; peak RSS last, for the process.
 */
export async function measureSide(
  side: SideName,
  started: StartedSide,
  size: number,
): Promise<SideResult> {
  const timed = async (work: () => Promise<void>) => {
    const cpu = process.cpuUsage();
    const begin = performance.now();
    await work();
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - begin,
      cpuMs: (used.user + used.system) / 1000,
    };
  };
  const first = await timed(() => started.runJob());
  const second = await timed(() => started.runJob());
  const reads: number[] = [];
  for (let i = 0; i < ENTITY_READS; i++) {
    reads.push(await started.readEntity(Math.floor((i * size) / ENTITY_READS)));
  }
  const orgView = await started.orgView();
  return {
    side,
    jobFirstMs: first.ms,
    jobSecondMs: second.ms,
    jobFirstCpuMs: first.cpuMs,
    jobSecondCpuMs: second.cpuMs,
    entityP50Ms: percentile(reads, 50),
    orgViewMs: orgView.ms,
    orgViewExtrapolatedFrom: orgView.extrapolatedFrom,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
