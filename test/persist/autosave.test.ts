/** The Autosaver on vitest's fake clock: setTimeout and Date.now advance only when the test says. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type AutosaverOptions } from '@/persist';

interface Meta {
  step: number;
}

/** A run whose step the test moves, and a store that records each write and how many ran at once. */
function harness(overrides: Partial<AutosaverOptions<Meta, string>> = {}) {
  const run = { step: 0, takes: 0 };
  const written: number[] = [];
  const errors: string[] = [];
  let active = 0;
  let mostAtOnce = 0;
  let hold: Promise<void> | null = null;
  const saver = new Autosaver<Meta, string>({
    intervalMs: 1000,
    take: async () => {
      run.takes += 1;
      return { meta: { step: run.step }, payload: `state at ${run.step}` };
    },
    write: async (meta) => {
      active += 1;
      mostAtOnce = Math.max(mostAtOnce, active);
      await hold;
      written.push(meta.step);
      active -= 1;
    },
    now: () => Date.now(),
    later: (callback, ms) => {
      const id = setTimeout(callback, ms);
      return () => clearTimeout(id);
    },
    onError: (message) => errors.push(message),
    ...overrides,
  });
  /** Makes writes wait until the returned function is called. */
  const holdWrites = () => {
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    return () => {
      hold = null;
      release();
    };
  };
  return { saver, run, written, errors, holdWrites, mostAtOnce: () => mostAtOnce };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('writes every 1,000 ms while the step moves: none at 999 ms, steps 10, 20, 30 at 1, 2, 3 s', async () => {
    const { saver, run, written } = harness();
    saver.start();
    run.step = 10;
    await vi.advanceTimersByTimeAsync(999);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    run.step = 20;
    await vi.advanceTimersByTimeAsync(1000);
    run.step = 30;
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual([10, 20, 30]);
    saver.stop();
  });

  it('skips the write while the step stands still: 5 intervals at step 7 take 5 times and write once', async () => {
    const { saver, run, written } = harness();
    run.step = 7;
    saver.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run.takes).toBe(5);
    expect(written).toEqual([7]);
  });

  it('writes nothing while take() has nothing to save (null), and reports nothing', async () => {
    const { saver, written, errors } = harness({ take: async () => null });
    saver.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(written).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('counts the interval from the last write: a flush at 600 ms moves the next periodic write to 1,600 ms', async () => {
    const { saver, run, written } = harness();
    saver.start();
    await vi.advanceTimersByTimeAsync(600);
    run.step = 1;
    await saver.flush();
    run.step = 2;
    await vi.advanceTimersByTimeAsync(999);
    expect(written).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([1, 2]);
  });

  it('makes a flush during a write wait for it, then write once more (two flushes share it): steps 10 then 20, one write at a time', async () => {
    const { saver, run, written, holdWrites, mostAtOnce } = harness();
    const release = holdWrites();
    run.step = 10;
    const first = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    run.step = 20;
    let secondDone = false;
    const second = saver.flush().then(() => (secondDone = true));
    const third = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(secondDone).toBe(false);
    expect(written).toEqual([]);
    release();
    await Promise.all([first, second, third]);
    expect(written).toEqual([10, 20]);
    expect(mostAtOnce()).toBe(1);
  });

  it('makes a flush during a write of the same step wait for it and write nothing more: one write of step 10', async () => {
    const { saver, run, written, holdWrites } = harness();
    const release = holdWrites();
    run.step = 10;
    const first = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    const second = saver.flush();
    release();
    await Promise.all([first, second]);
    expect(written).toEqual([10]);
    expect(run.takes).toBe(2);
  });

  it('never overlaps a periodic write with a flush: a write held over 3 intervals, flushed twice meanwhile, runs alone', async () => {
    const { saver, run, written, holdWrites, mostAtOnce } = harness();
    const release = holdWrites();
    saver.start();
    run.step = 1;
    await vi.advanceTimersByTimeAsync(1000);
    run.step = 2;
    void saver.flush();
    await vi.advanceTimersByTimeAsync(3000);
    void saver.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1, 2]);
    expect(mostAtOnce()).toBe(1);
  });

  it('reports a failed write to onError, resolves the flush, and tries the same step again at the next save', async () => {
    let failures = 1;
    const { saver, run, errors } = harness({
      write: async () => {
        if (failures-- > 0) throw new Error("The browser's storage is full: autosaving failed.");
      },
    });
    run.step = 4;
    await expect(saver.flush()).resolves.toBeUndefined();
    expect(errors).toEqual(["The browser's storage is full: autosaving failed."]);
    await saver.flush();
    expect(run.takes).toBe(2);
    expect(failures).toBe(-1);
    expect(errors).toHaveLength(1);
  });

  it('reports a failing take() and keeps the periodic saves going: errors at 1 s and 2 s', async () => {
    const { saver, errors } = harness({ take: () => Promise.reject(new Error('the worker is gone')) });
    saver.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(errors).toEqual(['the worker is gone', 'the worker is gone']);
  });

  it('stops the periodic saves on stop() (none in the next 5 s) while flush still writes', async () => {
    const { saver, run, written } = harness();
    saver.start();
    run.step = 1;
    await vi.advanceTimersByTimeAsync(1000);
    saver.stop();
    run.step = 2;
    await vi.advanceTimersByTimeAsync(5000);
    expect(written).toEqual([1]);
    await saver.flush();
    expect(written).toEqual([1, 2]);
  });

  it('keeps one timer when stopped and started again during a periodic write: one write per interval after', async () => {
    const { saver, run, written, holdWrites } = harness();
    const release = holdWrites();
    saver.start();
    run.step = 1;
    await vi.advanceTimersByTimeAsync(1000);
    saver.stop();
    saver.start();
    release();
    await vi.advanceTimersByTimeAsync(0);
    for (const step of [2, 3, 4]) {
      run.step = step;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(written).toEqual([1, 2, 3, 4]);
    expect(vi.getTimerCount()).toBe(1);
  });
});
