/**
 * Mean firing rate per population over a window of steps: the spikes a
 * population emitted divided by its neurons and by the simulated time.
 */
export class RateMeter {
  private readonly spikes: Float64Array;
  private steps = 0;
  private lastRatesHz: number[];

  /** `sizes`: neurons per population (alive); `dtMs`: simulated ms per step. */
  constructor(
    private readonly sizes: readonly number[],
    private readonly dtMs: number,
  ) {
    this.spikes = new Float64Array(sizes.length);
    this.lastRatesHz = sizes.map(() => 0);
  }

  /** Adds one frame: spikes per population over `steps` steps. */
  add(populationSpikes: Float64Array, steps: number): void {
    for (let p = 0; p < this.spikes.length; p++) this.spikes[p] += populationSpikes[p];
    this.steps += steps;
  }

  /** Rates since the previous call, Hz, and starts a new window; an empty window repeats the last rates. */
  take(): number[] {
    if (this.steps === 0) return this.lastRatesHz;
    const windowS = (this.steps * this.dtMs) / 1000;
    // A population of size 0 (all in the unborn pool) has no rate, not an infinite one.
    this.lastRatesHz = this.sizes.map((size, p) => (size > 0 ? this.spikes[p] / size / windowS : 0));
    this.spikes.fill(0);
    this.steps = 0;
    return this.lastRatesHz;
  }
}
