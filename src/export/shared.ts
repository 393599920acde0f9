/**
 * What the script exporters share: Python spellings of numbers and
 * distributions, population names, and the numpy helpers that draw
 * connectivity, weights and delays from the seed as Neuroplay does.
 */
import type { Connectivity, Distribution, Genome, Population, Projection } from '@/model';
import { populationArrayName, projectionArrayName, type LearnedState } from './learned-state';

/** Python's spelling of a finite number. */
export function py(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** A distribution as the argument of the script's `draw` helper. */
export function pyDistribution(d: Distribution): string {
  switch (d.kind) {
    case 'constant':
      return `{'kind': 'constant', 'value': ${py(d.value)}}`;
    case 'uniform':
      return `{'kind': 'uniform', 'min': ${py(d.min)}, 'max': ${py(d.max)}}`;
    case 'normal': {
      const bounds = `${d.min === undefined ? '' : `, 'min': ${py(d.min)}`}${d.max === undefined ? '' : `, 'max': ${py(d.max)}`}`;
      return `{'kind': 'normal', 'mean': ${py(d.mean)}, 'sd': ${py(d.sd)}${bounds}}`;
    }
  }
}

/** Python names for the populations: `pop_<name>`, made unique. */
export function groupNames(genome: Genome): string[] {
  const seen = new Set<string>();
  return genome.populations.map((p, index) => {
    let name = `pop_${p.name.replace(/-/g, '_')}`;
    if (seen.has(name)) name = `${name}_${index}`;
    seen.add(name);
    return name;
  });
}

/** Python's spelling of a boolean. */
export function pyBool(x: boolean): string {
  return x ? 'True' : 'False';
}

/** Populations that receive a conductance-based projection. */
export function conductanceTargets(genome: Genome): Set<number> {
  const targets = new Set<number>();
  for (const projection of genome.projections)
    if (projection.synapse === 'conductance') targets.add(genome.populations.findIndex((p) => p.name === projection.target));
  return targets;
}

/** The comment naming the sensor that sets a source population's rates in Neuroplay; none without a sensor. */
export function sensorLines(genome: Genome, population: Population, state: ScriptState | undefined): string[] {
  const sensor = genome.sensors.find((s) => s.population === population.name);
  if (!sensor) return [];
  return [`# In Neuroplay the ${sensor.kind} sensor "${sensor.name}" sets these rates; here ${state ? 'each neuron keeps the rate it had at the snapshot' : 'every neuron fires at rate_hz'}.`];
}

/** What a rule the script leaves out writes: a comment in the script and a warning naming it and where it is. */
export function leaveOut(simulator: 'Brian2' | 'PyNN', ctx: { warnings: string[] }, lines: string[], at: string, rule: string, consequence: string): void {
  lines.push(`# NOT EXPORTED: ${rule} has no ${simulator} equivalent here; ${consequence}.`);
  ctx.warnings.push(`${at}: ${rule} is not exported (no ${simulator} equivalent)`);
}

/** The script's call of its `topographic` helper: the pairs of source and target (genome sizes) that the connectivity draws. */
export function topographicCall(genome: Genome, source: number, target: number, c: Extract<Connectivity, { kind: 'topographic' }>, skipSelf: boolean): string {
  const layout = (p: Population) => JSON.stringify(p.layout).replace(/"/g, "'");
  const from = genome.populations[source];
  const to = genome.populations[target];
  return `topographic(positions(${from.size}, ${layout(from)}), positions(${to.size}, ${layout(to)}), ${py(c.radius)}, ${py(c.p)}, ${pyBool(skipSelf)})`;
}

/** How the exporters name a plasticity rule they leave out (every rule but plainStdp). */
export function unexportedRuleName(rule: NonNullable<Projection['plasticity']>): string {
  if (rule.rule === 'stdp') return `three-factor modulation of STDP (${rule.modulation?.modulator})`;
  return rule.rule === 'diehl_cook' ? 'the Diehl & Cook (2015) rule' : 'the Vogels et al. (2011) rule';
}

/** Pair STDP without three-factor modulation, which both simulators run as it is. */
export function plainStdp(projection: Projection) {
  const rule = projection.plasticity;
  return rule?.rule === 'stdp' && rule.modulation === undefined ? rule : undefined;
}

/** numpy helpers; they read SEED and DT_MS, which the script defines first. */
export const DRAW_HELPERS = `rng = np.random.RandomState(SEED)  # connectivity, weights, delays, initial potentials


def draw(n, d):
    """n values of a Neuroplay distribution; a normal is clipped to its min/max where given."""
    if d['kind'] == 'constant':
        return np.full(n, d['value'])
    if d['kind'] == 'uniform':
        return rng.uniform(d['min'], d['max'], n)
    x = rng.normal(d['mean'], d['sd'], n)
    return np.clip(x, d.get('min', -np.inf), d.get('max', np.inf))


def delay_steps(n, d):
    """Neuroplay's delays in steps, rounded and at least one step."""
    return np.maximum(1, np.round(draw(n, d) / DT_MS)).astype(int)


def fixed_indegree(n_source, n_target, k, skip_self):
    """Each target draws k distinct sources (not its own index when skip_self)."""
    i, j = [], []
    for t in range(n_target):
        c = rng.choice(n_source - (1 if skip_self else 0), k, replace=False)
        if skip_self:
            c = c + (c >= t)
        i.append(c)
        j.append(np.full(k, t))
    return np.concatenate(i).astype(int), np.concatenate(j).astype(int)


def positions(n, layout):
    """Layout positions in the unit square, as Neuroplay places neurons."""
    spread = lambda k, m: np.full(len(k), 0.5) if m == 1 else k / (m - 1)
    k = np.arange(n)
    if layout['kind'] == 'grid':
        return spread(k % layout['width'], layout['width']), spread(k // layout['width'], layout['height'])
    return spread(k, n), np.full(n, 0.5)


def topographic(source_xy, target_xy, radius, p, skip_self):
    """Pairs within radius (inclusive), each kept with probability p."""
    dx = target_xy[0][None, :] - source_xy[0][:, None]
    dy = target_xy[1][None, :] - source_xy[1][:, None]
    keep = (dx * dx + dy * dy <= radius * radius) & (rng.uniform(size=dx.shape) < p)
    if skip_self:
        np.fill_diagonal(keep, False)
    return np.nonzero(keep)`;

/** A run's learned state, written beside the script as an .npz the script loads. */
export interface ScriptState {
  /** The data file's name, looked up beside the script. */
  file: string;
  learned: LearnedState;
}

/** What both exporters take. */
export interface ExportOptions {
  /** Simulated time the script runs, s. */
  durationS: number;
  /** What the genome came from (a preset name or a file), for the header. */
  source?: string;
  /** Start from a run's learned state, written beside the script (--with-state). */
  state?: ScriptState;
}

/** What both exporters give. */
export interface ExportedScript {
  script: string;
  /** One line per rule the script leaves out, naming the rule and where it is. */
  warnings: string[];
}

/** Neurons the script builds: those alive at the snapshot with a state, the genome's size without. */
export function builtSize(genome: Genome, state: ScriptState | undefined, population: number): number {
  return state ? state.learned.populations[population].size : genome.populations[population].size;
}

/** The script's expression for a population's array in the state file. */
export function populationState(population: number, variable: Parameters<typeof populationArrayName>[1]): string {
  return `STATE[${JSON.stringify(populationArrayName(population, variable))}]`;
}

/** The script's expression for a projection's array in the state file. */
export function projectionState(projection: number, variable: Parameters<typeof projectionArrayName>[1]): string {
  return `STATE[${JSON.stringify(projectionArrayName(projection, variable))}]`;
}

/** The docstring's paragraph on what the state carries; `carried` names the target's extras (e.g. 'synaptic inputs'). */
export function stateDocLines(state: ScriptState, dtMs: number, carried: string): string[] {
  const seconds = (state.learned.step * dtMs) / 1000;
  return [
    '',
    `It starts from the learned state of a Neuroplay run at step ${state.learned.step} (t = ${seconds} s),`,
    `read from ${state.file} beside this script: the neurons alive then (newborns`,
    'included), every synapse in use with its weight and delay, membrane potentials,',
    `${carried}, and spike sources at the rates their stimuli set. Spikes in flight`,
    'and refractory periods start afresh.',
  ];
}

/** The script's lines that load the state file. */
export function stateLoadLines(state: ScriptState): string[] {
  return [`STATE = np.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), ${JSON.stringify(state.file)}))  # the learned state (see the top)`];
}

/** How the exporters name a population's neurogenesis when they leave it out. */
export function neurogenesisRule(genome: Genome, state: ScriptState | undefined, population: number): string {
  const p = genome.populations[population];
  const built = builtSize(genome, state, population);
  return `neurogenesis (capacity ${p.capacity ?? p.size}; ${state ? `the ${built} neurons alive at the snapshot are built and none is born after` : `only the ${built} neurons alive at the start are built`})`;
}

/** The scripts' summary of a weight distribution, printed before and after the run. */
export const WEIGHT_SUMMARY_HELPER = `

def weight_summary(w):
    """Count, mean, sd and the 10th, 25th, 50th, 75th, 90th percentiles of the weights."""
    w = np.asarray(w, dtype=float)
    if len(w) == 0:
        return {'count': 0}
    return {'count': len(w), 'mean': float(np.mean(w)), 'sd': float(np.std(w)),
            'percentiles': [float(x) for x in np.percentile(w, [10, 25, 50, 75, 90])]}`;

/** A projection with no synapse in use at the snapshot: the simulators refuse empty connection lists, so it is not built. */
export function emptyAtSnapshot(state: ScriptState | undefined, projection: number): boolean {
  return state !== undefined && state.learned.projections[projection].i.length === 0;
}
