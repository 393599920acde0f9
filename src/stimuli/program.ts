/**
 * What is bound to a sensor, and how it becomes spike-source rates over
 * simulated time. A program shows its patterns one after another, each for
 * a presentation and then a rest, looping or once; the driver answers, for
 * any step, the rates then and the next step at which they change, so a
 * caller sets rates only at changes and runs the engine in between:
 *
 *   for (let s = driver.startStep; s < end; ) {
 *     engine.setInputRates(driver.population, driver.ratesAt(s));
 *     const next = Math.min(driver.nextChangeStep(s + 1), end);
 *     engine.step(next - s);
 *     s = next;
 *   }
 */
import { LIMITS } from '@/model/limits';
import { checkRange } from './sensor-grid';

/** Patterns bound to a sensor: one pattern held on, or a stream shown one after another. */
export interface StimulusProgram {
  /** What the person sees on the sensor ("digit 3", "tone 440 Hz", "digits stream"). */
  label: string;
  /** Intensities in [0, 1], one per sensor neuron each (patterns.ts). */
  patterns: Float32Array[];
  /** How long each pattern is shown, ms (at least one step). */
  presentMs: number;
  /** Silence after each presentation, ms (0: the next pattern follows at once). */
  restMs: number;
  /** Start again after the last pattern; otherwise the sensor falls silent. */
  loop: boolean;
}

/**
 * One pattern held on: presentations of `presentMs` with no rest, looping.
 * A rate code then never changes; a latency code fires once per presentation.
 */
export function heldProgram(label: string, pattern: Float32Array, presentMs: number): StimulusProgram {
  return { label, patterns: [pattern], presentMs, restMs: 0, loop: true };
}

/** The spike-source population a driver feeds. */
export interface SensorTarget {
  /** Index of the population (as Engine.setInputRates takes it). */
  population: number;
  /** Its neurons that can ever exist: the length of a rates array. */
  capacity: number;
  /** Neurons the patterns cover (width x height of the sensor), the first of the population; the rest get 0 Hz. */
  size: number;
  /** The sensor's code: intensity -> rate, or intensity -> time of one spike per presentation. */
  encoding: 'rate' | 'latency';
  /** Rate of intensity 1 under the rate code, Hz. */
  maxRateHz: number;
  /** The engine's time step, ms. */
  dtMs: number;
}

/** Rate of a latency spike's window, Hz: the highest a source may take (LIMITS.maxRateHz). */
export const LATENCY_RATE_HZ = LIMITS.maxRateHz;
/** Length of a latency spike's window, ms: at 1000 Hz it holds one spike on average. */
export const LATENCY_WINDOW_MS = 1;

/**
 * Slack, in steps, for times that should be a whole number of steps but land
 * just below: 0.3 / 0.1 = 2.9999999999999996, and intensities are f32
 * (0.05 is stored as 0.0500000007, so 10 ms x 0.95 at dt 0.25 ms is 37.99999997 steps).
 */
const STEP_EPSILON = 1e-6;

/** First index of sorted `list` whose value is >= x (list.length when none). */
function lowerBound(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wholeNumber(at: string, name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${at}: ${name} must be a whole number >= ${min}, got ${value}`);
  return value;
}

/** Checks a program against its target: patterns of `size` intensities in [0, 1], a presentation and a rest in ms. */
function checkProgram(program: StimulusProgram, size: number): void {
  const at = `SensorDriver("${program.label}")`;
  if (program.patterns.length === 0) throw new RangeError(`${at}: program.patterns is empty`);
  program.patterns.forEach((pattern, k) => {
    if (pattern.length !== size) throw new RangeError(`${at}: program.patterns[${k}] holds ${pattern.length} intensities for a sensor of ${size} neurons`);
    const bad = pattern.findIndex((v) => !(v >= 0 && v <= 1));
    if (bad >= 0) throw new RangeError(`${at}: program.patterns[${k}][${bad}] must be in [0, 1], got ${pattern[bad]}`);
  });
  if (!(program.presentMs > 0 && Number.isFinite(program.presentMs))) throw new RangeError(`${at}: program.presentMs must be a finite number > 0, got ${program.presentMs}`);
  if (!(program.restMs >= 0 && Number.isFinite(program.restMs))) throw new RangeError(`${at}: program.restMs must be a finite number >= 0, got ${program.restMs}`);
}

/**
 * Turns a program into rates, step by step, from `startStep` on: pattern k
 * (cycling when the program loops) is shown during steps
 * [n T, n T + P) after the start of presentation n, then rest until (n + 1) T,
 * with P = max(1, round(presentMs / dt)) and T = P + round(restMs / dt).
 *
 * Rate code: neuron i fires at intensity_i x maxRateHz while shown, 0 Hz at rest.
 * Latency code: neuron i fires once per presentation, at
 * presentMs x (1 - intensity_i) after its onset (never at intensity 0).
 * Sources are Poisson or regular rate sources, so a spike becomes a window
 * of W = ceil(1 ms / dt) steps at 1000 Hz from the step holding that time,
 * cut at the presentation's end: 1000 Hz x W dt = 1 expected spike when
 * 1 ms is a whole number of steps (at most 1 + dt / 1 ms otherwise; dt <= 1 ms).
 */
export class SensorDriver {
  readonly population: number;
  readonly startStep: number;
  /** Steps of a presentation (P) and of a whole period, presentation and rest (T). */
  readonly presentSteps: number;
  readonly periodSteps: number;
  /** Steps of a latency spike's window (W). */
  readonly windowSteps: number;
  readonly target: SensorTarget;
  readonly program: StimulusProgram;
  /** Per pattern, sorted offsets in a period at which rates may change. */
  private readonly changes: Int32Array[];
  /** Latency code, per pattern: each neuron's window [on, off) as step offsets in a period; on = off when it never fires. */
  private readonly windowOn: Int32Array[] = [];
  private readonly windowOff: Int32Array[] = [];
  /** False when a period's start changes nothing: one pattern, rate code, no rest. */
  private readonly periodStartChanges: boolean;

  constructor(target: SensorTarget, program: StimulusProgram, startStep = 0) {
    const at = `SensorDriver("${program.label}")`;
    wholeNumber(at, 'population', target.population, 0);
    wholeNumber(at, 'size', target.size, 1);
    if (wholeNumber(at, 'capacity', target.capacity, 1) < target.size) throw new RangeError(`${at}: capacity ${target.capacity} is smaller than size ${target.size}`);
    if (target.encoding !== 'rate' && target.encoding !== 'latency') throw new RangeError(`${at}: encoding must be rate or latency, got ${String(target.encoding)}`);
    checkRange(at, 'maxRateHz', target.maxRateHz, 0, LIMITS.maxRateHz);
    checkRange(at, 'dtMs', target.dtMs, LIMITS.minDtMs, LIMITS.maxDtMs);
    wholeNumber(at, 'startStep', startStep, 0);
    checkProgram(program, target.size);
    this.target = target;
    this.program = program;
    this.population = target.population;
    this.startStep = startStep;
    this.presentSteps = Math.max(1, Math.round(program.presentMs / target.dtMs));
    this.periodSteps = this.presentSteps + Math.round(program.restMs / target.dtMs);
    this.windowSteps = Math.ceil(LATENCY_WINDOW_MS / target.dtMs - STEP_EPSILON);
    const rest = this.periodSteps > this.presentSteps;
    this.periodStartChanges = target.encoding === 'latency' || rest || program.patterns.length > 1;
    this.changes = program.patterns.map((pattern) => {
      if (target.encoding === 'rate') return Int32Array.from(rest ? [0, this.presentSteps] : [0]);
      const { on, off } = this.latencyWindows(pattern);
      this.windowOn.push(on);
      this.windowOff.push(off);
      // A window ending at T (no rest) is the next period's start, already a change.
      const offsets = new Set([0, ...on, ...off].filter((s) => s < this.periodSteps));
      return Int32Array.from(offsets).sort();
    });
  }

  /** Each neuron's window for one pattern: from floor(presentMs (1 - intensity) / dt), W steps, cut at P. */
  private latencyWindows(pattern: Float32Array): { on: Int32Array; off: Int32Array } {
    const { presentMs } = this.program;
    const P = this.presentSteps;
    const on = new Int32Array(pattern.length);
    const off = new Int32Array(pattern.length);
    for (let i = 0; i < pattern.length; i++) {
      const first = pattern[i] > 0 ? Math.floor((presentMs * (1 - pattern[i])) / this.target.dtMs + STEP_EPSILON) : P;
      on[i] = Math.min(first, P);
      off[i] = Math.min(first + this.windowSteps, P);
    }
    return { on, off };
  }

  /** Presentation number n and the step's offset in its period, or null before the start and after a program that does not loop has ended. */
  private phase(step: number): { n: number; offset: number } | null {
    const t = step - this.startStep;
    if (t < 0) return null;
    const n = Math.floor(t / this.periodSteps);
    if (!this.program.loop && n >= this.program.patterns.length) return null;
    return { n, offset: t - n * this.periodSteps };
  }

  /** The first step >= `step` at which the rates must be set: `startStep` itself, then each change; Infinity when they never change again. */
  nextChangeStep(step: number): number {
    if (step <= this.startStep) return this.startStep;
    const T = this.periodSteps;
    const count = this.program.patterns.length;
    const t = step - this.startStep;
    const n = Math.floor(t / T);
    if (this.program.loop || n < count) {
      const offset = t - n * T;
      const list = this.changes[n % count];
      let j = lowerBound(list, offset);
      if (j < list.length && list[j] === 0 && n > 0 && !this.periodStartChanges) j++;
      if (j < list.length) return this.startStep + n * T + list[j];
      if (this.program.loop || n + 1 < count) return this.periodStartChanges ? this.startStep + (n + 1) * T : Infinity;
    }
    // A program without rest falls silent at the end of its last presentation, N T.
    const end = count * T;
    return T === this.presentSteps && t <= end ? this.startStep + end : Infinity;
  }

  /** Rates (Hz) during `step`, one per neuron of the population's capacity; neurons past `size` get 0. Writes into `out` when given. */
  ratesAt(step: number, out: Float32Array = new Float32Array(this.target.capacity)): Float32Array {
    if (step < this.startStep) throw new RangeError(`SensorDriver("${this.program.label}"): step ${step} is before the program starts at step ${this.startStep}`);
    if (out.length !== this.target.capacity) throw new RangeError(`SensorDriver("${this.program.label}"): out holds ${out.length} rates for a population of capacity ${this.target.capacity}`);
    out.fill(0);
    const phase = this.phase(step);
    if (!phase || phase.offset >= this.presentSteps) return out;
    const k = phase.n % this.program.patterns.length;
    const pattern = this.program.patterns[k];
    if (this.target.encoding === 'rate') {
      for (let i = 0; i < pattern.length; i++) out[i] = pattern[i] * this.target.maxRateHz;
      return out;
    }
    const on = this.windowOn[k];
    const off = this.windowOff[k];
    for (let i = 0; i < pattern.length; i++) if (on[i] <= phase.offset && phase.offset < off[i]) out[i] = LATENCY_RATE_HZ;
    return out;
  }

  /** Index of the pattern whose presentation (or the rest after it) holds `step`; -1 before the start and after a program that does not loop has ended. */
  currentIndex(step: number): number {
    const phase = this.phase(step);
    return phase ? phase.n % this.program.patterns.length : -1;
  }
}
