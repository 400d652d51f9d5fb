import { TasksInFlight } from './tasksInFlight';

/** A task that runs until the test ends it, recording how many ran at once. */
function gate() {
  const tasks: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  let running = 0;
  let most = 0;
  const task = () =>
    new Promise<void>((resolve, reject) => {
      running += 1;
      most = Math.max(most, running);
      tasks.push({
        resolve: () => {
          running -= 1;
          resolve();
        },
        reject: e => {
          running -= 1;
          reject(e);
        },
      });
    });
  return {
    task,
    tasks,
    running: () => running,
    most: () => most,
  };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('TasksInFlight', () => {
  it('keeps at most `limit` tasks in flight and runs them all', async () => {
    const g = gate();
    const tasks = new TasksInFlight(2);
    const adding = (async () => {
      for (let i = 0; i < 5; i++) await tasks.add(g.task);
    })();
    await tick();
    expect(g.running()).toBe(2);
    // Ending tasks one by one lets the next start, never more than two at once.
    for (let ended = 0; ended < 5; ended++) {
      g.tasks[ended].resolve();
      await tick();
    }
    await adding;
    await expect(tasks.finish()).resolves.toBeUndefined();
    expect(g.tasks).toHaveLength(5);
    expect(g.most()).toBe(2);
  });

  it('starts nothing after a failure, and rejects only once the tasks in flight have ended', async () => {
    const g = gate();
    const tasks = new TasksInFlight(2);
    await tasks.add(g.task);
    await tasks.add(g.task);
    g.tasks[0].reject(new Error('first batch failed'));
    await tick();
    expect(tasks.failed).toBe(true);
    await tasks.add(g.task);
    expect(g.tasks).toHaveLength(2);

    let settled = false;
    const finishing = tasks.finish().finally(() => {
      settled = true;
    });
    await tick();
    // The second task is still running: the failure waits for it.
    expect(settled).toBe(false);
    g.tasks[1].resolve();
    await expect(finishing).rejects.toThrow('first batch failed');
    expect(g.running()).toBe(0);
  });

  it('counts a task that throws before its first await as failed', async () => {
    const tasks = new TasksInFlight(1);
    await tasks.add(() => {
      throw new Error('at once');
    });
    await expect(tasks.finish()).rejects.toThrow('at once');
  });

  it('refuses a limit below 1', () => {
    expect(() => new TasksInFlight(0)).toThrow(RangeError);
  });
});
