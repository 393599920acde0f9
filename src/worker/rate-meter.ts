/** Simulated time the displayed rates cover, ms. */
export const RATE_WINDOW_MS = 250;

interface Counted {
  spikes: Float64Array;
  steps: number;
}

/**
 * Mean firing rate per population over the most recent frames covering at
 * least `windowMs` of simulated time: the spikes a population emitted divided
 * by its neurons and by that time. The window is simulated, not wall-clock,
 * time: on a slow machine a quarter second of wall clock may hold a few
 * simulated ms, and a rate over them is mostly Poisson noise.
 */
export class RateMeter {
  private readonly frames: Counted[] = [];
  private readonly spikes: Float64Array;
  private steps = 0;
  private readonly windowSteps: number;

  /** `sizes`: neurons per population (alive); `dtMs`: simulated ms per step. */
  constructor(
    private readonly sizes: readonly number[],
    private readonly dtMs: number,
    windowMs = RATE_WINDOW_MS,
  ) {
    this.spikes = new Float64Array(sizes.length);
    // In whole steps, so 2,500 steps of 0.1 ms fill 250 ms exactly, not a rounding error short of it.
    this.windowSteps = Math.ceil(windowMs / dtMs - 1e-9);
  }

  /** Adds one frame: spikes per population over `steps` steps; forgets frames the window no longer needs. */
  add(populationSpikes: Float64Array, steps: number): void {
    this.frames.push({ spikes: Float64Array.from(populationSpikes), steps });
    this.count(populationSpikes, steps, 1);
    while (this.steps - this.frames[0].steps >= this.windowSteps) {
      const oldest = this.frames.shift()!;
      this.count(oldest.spikes, oldest.steps, -1);
    }
  }

  /** Rates over the window, Hz; 0 before any frame and for a population of size 0 (all in the unborn pool). */
  ratesHz(): number[] {
    const windowS = (this.steps * this.dtMs) / 1000;
    return this.sizes.map((size, p) => (size > 0 && windowS > 0 ? this.spikes[p] / size / windowS : 0));
  }

  private count(spikes: Float64Array, steps: number, sign: 1 | -1): void {
    for (let p = 0; p < this.spikes.length; p++) this.spikes[p] += sign * spikes[p];
    this.steps += sign * steps;
  }
}
