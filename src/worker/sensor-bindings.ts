/**
 * What each sensor of the running network receives: its genome rate, a bound
 * stimulus (one pattern held, or a stream), or silence under sensory
 * deprivation. A bound stimulus changes rates at steps of simulated time,
 * so the host steps up to the next change, applies it, and goes on: the
 * same stimulus gives the same spikes at any speed.
 */
import type { Engine, Connectome } from '@/sim';
import { SensorDriver, type SensorTarget, type StimulusProgram } from '@/stimuli';
import type { BindingStatus } from './protocol';

interface SensorSite {
  target: SensorTarget;
  /** The population's rate in the genome: what it gets when nothing is bound. */
  genomeRateHz: number;
  driver: SensorDriver | null;
  /** The driver's rates at a change, written into one buffer (the engines copy what they are given). */
  rates: Float32Array;
  /** The step from which the driver's rates must be written again. */
  dueStep: number;
}

export class SensorBindings {
  private readonly sites = new Map<string, SensorSite>();
  private silenced = false;

  constructor(connectome: Connectome) {
    const { genome, populations } = connectome;
    for (const sensor of genome.sensors) {
      const population = populations.findIndex((p) => p.name === sensor.population);
      const neuron = genome.populations[population].neuron;
      // The schema's cross-field rules make a sensor's population a spike source.
      if (neuron.model !== 'spike_source') continue;
      const layout = populations[population];
      this.sites.set(sensor.name, {
        target: { population, capacity: layout.capacity, size: layout.size, encoding: sensor.encoding, maxRateHz: sensor.max_rate_hz, dtMs: genome.dt_ms },
        genomeRateHz: neuron.rate_hz,
        driver: null,
        rates: new Float32Array(layout.capacity),
        dueStep: Infinity,
      });
    }
  }

  get deprived(): boolean {
    return this.silenced;
  }

  /**
   * Binds `program` to the sensor (null: back to its genome rate), presented from `fromStep`: the current step
   * unless given. A later step than the current one is taken as the current one (a link binds at step 0 whatever
   * its sender's step), so the presentation never starts in the future.
   */
  bind(engine: Engine, sensor: string, program: StimulusProgram | null, fromStep = engine.stepCount): void {
    const site = this.sites.get(sensor);
    if (!site) throw new Error(`bind: the network has no sensor "${sensor}" (it has ${[...this.sites.keys()].map((name) => `"${name}"`).join(', ') || 'none'})`);
    site.driver = program ? new SensorDriver(site.target, program, Math.min(fromStep, engine.stepCount)) : null;
    site.dueStep = engine.stepCount;
    if (!site.driver && !this.silenced) engine.setInputRates(site.target.population, site.genomeRateHz);
    this.apply(engine);
  }

  /** Silences every sensor, or gives each its input back. */
  deprive(engine: Engine, on: boolean): void {
    this.silenced = on;
    for (const site of this.sites.values()) {
      if (on) engine.setInputRates(site.target.population, 0);
      else if (site.driver) site.dueStep = engine.stepCount;
      else engine.setInputRates(site.target.population, site.genomeRateHz);
    }
    this.apply(engine);
  }

  /** After a restore to an earlier step: every bound sensor writes its rates for that step again. */
  resume(step: number): void {
    for (const site of this.sites.values()) if (site.driver) site.dueStep = step;
  }

  /** Writes the rates of every sensor whose stimulus changes at the engine's current step. */
  apply(engine: Engine): void {
    const step = engine.stepCount;
    for (const site of this.sites.values()) {
      if (!site.driver || site.dueStep > step) continue;
      if (!this.silenced) engine.setInputRates(site.target.population, site.driver.ratesAt(step, site.rates));
      site.dueStep = site.driver.nextChangeStep(step + 1);
    }
  }

  /** The first step at which some sensor's rates change next (Infinity: none). */
  nextChangeStep(): number {
    let next = Infinity;
    for (const site of this.sites.values()) if (site.driver) next = Math.min(next, site.dueStep);
    return next;
  }

  /** Per bound sensor, the step its stimulus started at. */
  boundAt(): Record<string, number> {
    const steps: Record<string, number> = {};
    for (const [name, site] of this.sites) if (site.driver) steps[name] = site.driver.startStep;
    return steps;
  }

  /** What each bound sensor shows at `step`. */
  bindings(step: number): BindingStatus[] {
    const shown: BindingStatus[] = [];
    for (const [sensor, { driver }] of this.sites)
      if (driver) shown.push({ sensor, label: driver.program.label, showing: driver.currentIndex(step), count: driver.program.patterns.length });
    return shown;
  }
}
