import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/**
 * A scheduler that runs nothing by itself: it keeps each task a plugin schedules, and
 * `run(id)` runs it once and waits for it, so both sides' scheduled jobs are timed the same
 * way and a failure surfaces instead of being logged by a timer.
 */
export function recordingScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler: SchedulerService = {
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
    createScheduledTaskRunner() {
      return {
        async run(task) {
          tasks.set(task.id, task);
        },
      };
    },
    async triggerTask(id) {
      await run(id);
    },
    async cancelTask() {
      // Tasks run only when the bench runs them, and each run is awaited to its end.
    },
    async getScheduledTasks() {
      return [...tasks.keys()].map(id => ({
        id,
        scope: 'global' as const,
        settings: { version: 1 },
      }));
    },
  };
  async function run(id: string): Promise<void> {
    const task = tasks.get(id);
    if (!task) {
      throw new Error(
        `No task '${id}' was scheduled; there are ${[...tasks.keys()].join(
          ', ',
        )}`,
      );
    }
    await task.fn(new AbortController().signal);
  }
  return {
    run,
    factory: createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler,
    }),
  };
}
