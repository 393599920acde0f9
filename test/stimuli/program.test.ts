import { describe, expect, it } from 'vitest';
import { heldProgram, LATENCY_RATE_HZ, SensorDriver, type SensorTarget, type StimulusProgram } from '@/stimuli';

const A = Float32Array.from([1, 0.5, 0]);
const B = Float32Array.from([0, 0.25, 1]);

function target(overrides: Partial<SensorTarget> = {}): SensorTarget {
  return { population: 2, capacity: 3, size: 3, encoding: 'rate', maxRateHz: 100, dtMs: 0.5, ...overrides };
}

function program(overrides: Partial<StimulusProgram> = {}): StimulusProgram {
  return { label: 'test', patterns: [A, B], presentMs: 2, restMs: 1, loop: true, ...overrides };
}

/** The steps at which a caller sets rates, walking nextChangeStep(s + 1) from the start until `end`. */
function changeSteps(driver: SensorDriver, end: number): number[] {
  const steps: number[] = [];
  for (let s = driver.nextChangeStep(driver.startStep); s < end; s = driver.nextChangeStep(s + 1)) steps.push(s);
  return steps;
}

/** Expected spikes per neuron over [from, to): the sum of rate x duration, holding each rate until the next change, as a caller would. */
function expectedSpikes(driver: SensorDriver, from: number, to: number, dtMs: number): number[] {
  const total = Array.from(driver.ratesAt(from), () => 0);
  for (let s = from; s < to; ) {
    const rates = driver.ratesAt(s);
    const next = Math.min(driver.nextChangeStep(s + 1), to);
    rates.forEach((r, i) => (total[i] += (r * (next - s) * dtMs) / 1000));
    s = next;
  }
  return total;
}

describe('SensorDriver, rate code', () => {
  // dt 0.5 ms: a presentation of 2 ms is 4 steps, a rest of 1 ms 2 steps, a period 6 steps.
  const driver = new SensorDriver(target(), program(), 10);

  it('counts 4 steps of presentation and 6 per period at dt 0.5 ms (2 ms on, 1 ms rest)', () => {
    expect([driver.presentSteps, driver.periodSteps]).toEqual([4, 6]);
  });

  it('changes rates exactly at the starts of presentations (10, 16, 22, ...) and of rests (14, 20, ...)', () => {
    expect(changeSteps(driver, 35)).toEqual([10, 14, 16, 20, 22, 26, 28, 32, 34]);
    expect(driver.nextChangeStep(14)).toBe(14);
    expect(driver.nextChangeStep(15)).toBe(16);
    expect(driver.nextChangeStep(3)).toBe(10);
  });

  it('shows intensity x 100 Hz during a presentation and 0 Hz at rest, looping back to the first pattern at step 22', () => {
    expect(Array.from(driver.ratesAt(10))).toEqual([100, 50, 0]);
    expect(Array.from(driver.ratesAt(13))).toEqual([100, 50, 0]);
    expect(Array.from(driver.ratesAt(14))).toEqual([0, 0, 0]);
    expect(Array.from(driver.ratesAt(16))).toEqual([0, 25, 100]);
    expect(Array.from(driver.ratesAt(22))).toEqual([100, 50, 0]);
  });

  it('says which pattern is showing: 0 during steps 10..15 (rest included), 1 at 16..21, 0 again at 22', () => {
    expect([10, 15, 16, 21, 22].map((s) => driver.currentIndex(s))).toEqual([0, 0, 1, 1, 0]);
    expect(driver.currentIndex(9)).toBe(-1);
  });

  it('expects intensity x maxRate x presentMs spikes per presentation: 0.5 x 63.75 Hz x 350 ms = 11.16 (dt 0.1 ms)', () => {
    const d = new SensorDriver(target({ maxRateHz: 63.75, dtMs: 0.1 }), program({ presentMs: 350, restMs: 150 }));
    const spikes = expectedSpikes(d, 0, 5000, 0.1);
    expect(spikes[1]).toBeCloseTo(0.5 * 63.75 * 0.35, 9);
    // Over both patterns of a full loop (10,000 steps), neuron 2 fires in B's presentation only: 63.75 x 0.35 = 22.31.
    expect(expectedSpikes(d, 0, 10000, 0.1)[2]).toBeCloseTo(63.75 * 0.35, 9);
  });

  it('gives 0 Hz to neurons past the sensor size (capacity 5, size 3)', () => {
    const d = new SensorDriver(target({ capacity: 5 }), program());
    expect(Array.from(d.ratesAt(0))).toEqual([100, 50, 0, 0, 0]);
  });

  it('falls silent after the last pattern when not looping: no change after step 10, 0 Hz and index -1 from step 10 on (2 periods of 6 steps, end of last presentation at 10)', () => {
    const d = new SensorDriver(target(), program({ loop: false }));
    expect(changeSteps(d, 100)).toEqual([0, 4, 6, 10]);
    expect(d.nextChangeStep(11)).toBe(Infinity);
    expect(Array.from(d.ratesAt(13))).toEqual([0, 0, 0]);
    expect(d.currentIndex(12)).toBe(-1);
  });

  it('falls silent at N T for a program without rest that does not loop: 2 patterns of 4 steps end at 8', () => {
    const d = new SensorDriver(target(), program({ restMs: 0, loop: false }));
    expect(changeSteps(d, 100)).toEqual([0, 4, 8]);
    expect(Array.from(d.ratesAt(8))).toEqual([0, 0, 0]);
  });

  it('never changes a held pattern under the rate code: one change, at the start', () => {
    const d = new SensorDriver(target(), heldProgram('held', A, 100), 7);
    expect(changeSteps(d, 10_000)).toEqual([7]);
    expect(d.nextChangeStep(8)).toBe(Infinity);
    expect(Array.from(d.ratesAt(5000))).toEqual([100, 50, 0]);
  });

  it('rounds times to whole steps as the lab schedule does: 0.3 ms at dt 0.5 ms is still 1 step of presentation', () => {
    const d = new SensorDriver(target(), program({ presentMs: 0.3, restMs: 0.2 }));
    expect([d.presentSteps, d.periodSteps]).toEqual([1, 1]);
  });
});

describe('SensorDriver, latency code', () => {
  // dt 0.25 ms: a 10 ms presentation is 40 steps, a 5 ms rest 20, and a spike's 1 ms window W = 4 steps at 1000 Hz.
  const pattern = Float32Array.from([1, 0.5, 0, 0.05]);
  const t = target({ encoding: 'latency', dtMs: 0.25, capacity: 4, size: 4 });
  const driver = new SensorDriver(t, program({ patterns: [pattern], presentMs: 10, restMs: 5 }), 100);

  it('opens each window at presentMs x (1 - intensity): intensity 1 at 0 ms (step 0), 0.5 at 5 ms (step 20), 0.05 at 9.5 ms (step 38, cut at 40)', () => {
    expect(driver.windowSteps).toBe(4);
    const firing = (s: number) => Array.from(driver.ratesAt(100 + s), (r) => (r === LATENCY_RATE_HZ ? 1 : 0));
    expect(firing(0)).toEqual([1, 0, 0, 0]);
    expect(firing(3)).toEqual([1, 0, 0, 0]);
    expect(firing(4)).toEqual([0, 0, 0, 0]);
    expect(firing(20)).toEqual([0, 1, 0, 0]);
    expect(firing(23)).toEqual([0, 1, 0, 0]);
    expect(firing(24)).toEqual([0, 0, 0, 0]);
    expect(firing(38)).toEqual([0, 0, 0, 1]);
    expect(firing(39)).toEqual([0, 0, 0, 1]);
    expect(firing(40)).toEqual([0, 0, 0, 0]);
  });

  it('changes rates only at window edges, repeating each period of 60 steps: 0, 4, 20, 24, 38, 40 after each start', () => {
    expect(changeSteps(driver, 220)).toEqual([100, 104, 120, 124, 138, 140, 160, 164, 180, 184, 198, 200]);
  });

  it('expects one spike per presentation for any intensity > 0 (1000 Hz x 4 x 0.25 ms), none at 0, half where the window is cut to 2 steps', () => {
    const spikes = expectedSpikes(driver, 100, 100 + 3 * 60, 0.25);
    expect(spikes[0]).toBeCloseTo(3, 9);
    expect(spikes[1]).toBeCloseTo(3, 9);
    expect(spikes[2]).toBe(0);
    expect(spikes[3]).toBeCloseTo(1.5, 9);
  });

  it('fires a held pattern once per presentation: windows at 0 and 100 ms at dt 1 ms, W = 1 step', () => {
    const d = new SensorDriver(target({ encoding: 'latency', dtMs: 1 }), heldProgram('held', A, 100));
    expect(d.windowSteps).toBe(1);
    expect(changeSteps(d, 250)).toEqual([0, 1, 50, 51, 100, 101, 150, 151, 200, 201]);
    expect(expectedSpikes(d, 0, 200, 1)).toEqual([2, 2, 0]);
  });

  it('makes 1 ms a whole window at dt 0.1 ms (10 steps: 1/0.1 must not round up to 11)', () => {
    expect(new SensorDriver(target({ encoding: 'latency', dtMs: 0.1 }), program()).windowSteps).toBe(10);
  });
});

describe('SensorDriver checks', () => {
  it('refuses patterns of the wrong size, intensities outside [0, 1], an empty program and bad timing', () => {
    expect(() => new SensorDriver(target(), program({ patterns: [Float32Array.from([1, 0])] }))).toThrow(
      new RangeError('SensorDriver("test"): program.patterns[0] holds 2 intensities for a sensor of 3 neurons'),
    );
    expect(() => new SensorDriver(target(), program({ patterns: [A, Float32Array.from([0, NaN, 1])] }))).toThrow('program.patterns[1][1] must be in [0, 1], got NaN');
    expect(() => new SensorDriver(target(), program({ patterns: [] }))).toThrow('program.patterns is empty');
    expect(() => new SensorDriver(target(), program({ presentMs: 0 }))).toThrow('program.presentMs must be a finite number > 0, got 0');
    expect(() => new SensorDriver(target(), program({ restMs: -1 }))).toThrow('program.restMs must be a finite number >= 0, got -1');
  });

  it('refuses a target with size over capacity, a rate over 1000 Hz, dt outside [0.01, 1] ms and a negative start', () => {
    expect(() => new SensorDriver(target({ capacity: 2 }), program())).toThrow('capacity 2 is smaller than size 3');
    expect(() => new SensorDriver(target({ maxRateHz: 2000 }), program())).toThrow('maxRateHz must be in [0, 1000], got 2000');
    expect(() => new SensorDriver(target({ dtMs: 2 }), program())).toThrow('dtMs must be in [0.01, 1], got 2');
    expect(() => new SensorDriver(target(), program(), -1)).toThrow('startStep must be a whole number >= 0, got -1');
  });

  it('refuses rates before the start and an out array of the wrong length', () => {
    const d = new SensorDriver(target(), program(), 10);
    expect(() => d.ratesAt(9)).toThrow('step 9 is before the program starts at step 10');
    expect(() => d.ratesAt(10, new Float32Array(2))).toThrow('out holds 2 rates for a population of capacity 3');
  });
});
