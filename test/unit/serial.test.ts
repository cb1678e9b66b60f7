import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../src/background/serial';

describe('the per-site queue', () => {
  it('never runs two tasks of one key at once, and runs the newest of those that waited', async () => {
    const run = createSerialQueue();
    const log: string[] = [];
    let active = 0;
    let mostAtOnce = 0;
    // The queue swallows a task's errors, so what is checked is recorded and asserted outside it.
    const task = (name: string) => async () => {
      active++;
      mostAtOnce = Math.max(mostAtOnce, active);
      await Promise.resolve();
      log.push(name);
      active--;
    };
    await Promise.all([run('tab', task('first')), run('tab', task('stale')), run('tab', task('newest'))]);
    expect(log).toEqual(['first', 'newest']);
    expect(mostAtOnce).toBe(1);
  });

  it('keeps going after a task fails', async () => {
    const run = createSerialQueue();
    let ran = false;
    await run('tab', () => Promise.reject(new Error('boom')));
    await run('tab', async () => void (ran = true));
    expect(ran).toBe(true);
  });
});
