/** One plugin, started in a test backend on the bench's org, as the runner drives it. */
export interface StartedSide {
  /** Runs the plugin's scheduled job once over the whole org and waits for it. */
  runJob(): Promise<void>;
  /** Reads one component's result over HTTP; returns the milliseconds it took. */
  readEntity(index: number): Promise<number>;
  /** The org view over HTTP: milliseconds for all components (or extrapolated to all). */
  orgView(): Promise<{ ms: number; extrapolatedFrom?: number }>;
  /** The port of the side's backend, for tests that look at its answers. */
  port: number;
  stop(): Promise<void>;
}

export type SideName = 'dsomm' | 'techInsights';

/** One side's figures from one round, measured in a process of its own. */
export interface SideResult {
  side: SideName;
  jobFirstMs: number;
  jobSecondMs: number;
  /**
   * CPU time of the side's process during each job: on a busy machine it shows the cost
   * without the wait for a core (with SQLite the database's work is in it; PostgreSQL's is not).
   */
  jobFirstCpuMs: number;
  jobSecondCpuMs: number;
  entityP50Ms: number;
  orgViewMs: number;
  /** Set when the org view was measured on this many components and scaled to all. */
  orgViewExtrapolatedFrom?: number;
  peakRssMb: number;
}
