/**
 * Validation of a genome: the schema, then the rules that span fields
 * (names, references, geometry, delays, total size). Nothing is allocated
 * before `validateGenome` has said yes.
 */
import type { z } from 'zod';
import { LIMITS, RING_CHANNELS } from './limits';
import { GenomeSchema, type Distribution, type Genome, type Population, type Projection } from './schema';

/** One problem with a genome: where (`populations[2].size`) and why. */
export interface FieldError {
  path: string;
  message: string;
}

export type GenomeResult = { ok: true; genome: Genome } | { ok: false; errors: FieldError[] };

/** Thrown where a caller wants an exception rather than a result (CLI, tests). */
export class GenomeError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(formatErrors(errors));
    this.name = 'GenomeError';
  }
}

export function formatErrors(errors: FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
}

/** `['populations', 2, 'size']` -> `populations[2].size` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

function fromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Validates anything (parsed JSON, a URL payload) as a genome; never throws. */
export function validateGenome(input: unknown): GenomeResult {
  const parsed = GenomeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fromZod(parsed.error) };
  const errors = checkGenome(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, genome: parsed.data };
}

/** Validates or throws a `GenomeError` that lists every problem. */
export function parseGenome(input: unknown): Genome {
  const result = validateGenome(input);
  if (!result.ok) throw new GenomeError(result.errors);
  return result.genome;
}

export function populationCapacity(population: Population): number {
  return population.capacity ?? population.size;
}

/** Largest value a distribution can draw, or Infinity when unbounded above. */
export function distributionMax(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.max;
    case 'normal':
      return d.max ?? (d.sd === 0 ? d.mean : Infinity);
  }
}

/** Smallest value a distribution can draw, or -Infinity when unbounded below. */
export function distributionMin(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min;
    case 'normal':
      return d.min ?? (d.sd === 0 ? d.mean : -Infinity);
  }
}

/** Whole time steps of a delay in ms: at least one step (a spike never arrives in the step it is emitted). */
export function delayToSteps(delayMs: number, dtMs: number): number {
  return Math.max(1, Math.round(delayMs / dtMs));
}

/**
 * Slots per presynaptic row: the genome's `row_capacity`, or the expected
 * out-degree plus six standard deviations, so that a random row overflows
 * with negligible probability (the builder still checks and says so).
 */
export function rowCapacity(genome: Genome, projection: Projection): number {
  if (projection.row_capacity !== undefined) return projection.row_capacity;
  const source = genome.populations.find((p) => p.name === projection.source);
  const target = genome.populations.find((p) => p.name === projection.target);
  if (!source || !target) return 1;
  const nTargets = populationCapacity(target);
  const nSources = Math.max(1, populationCapacity(source));
  const c = projection.connectivity;
  let mean: number;
  let p: number;
  switch (c.kind) {
    case 'one_to_one':
      return 1;
    case 'probability':
      p = c.p;
      mean = nTargets * p;
      break;
    case 'fixed_indegree':
      p = Math.min(1, c.k / nSources);
      mean = nTargets * p;
      break;
    case 'topographic': {
      const area = target.layout.kind === 'grid' ? Math.PI * c.radius * c.radius : 2 * c.radius;
      p = c.p * Math.min(1, area);
      mean = nTargets * p;
      break;
    }
  }
  const needed = Math.ceil(mean + 6 * Math.sqrt(mean * (1 - p)) + 2);
  return Math.max(1, Math.min(nTargets, needed));
}

/** What a genome will cost before it is grown. */
export interface GenomeSize {
  neurons: number;
  synapseSlots: number;
  maxDelaySteps: number;
  /** Bytes of the delay ring: (maxDelaySteps + 1) slots x channels x neurons x 4. */
  ringBytes: number;
}

export function estimateSize(genome: Genome): GenomeSize {
  let neurons = 0;
  for (const p of genome.populations) neurons += populationCapacity(p);
  let synapseSlots = 0;
  let maxDelaySteps = 1;
  for (const projection of genome.projections) {
    const source = genome.populations.find((p) => p.name === projection.source);
    if (!source) continue;
    synapseSlots += rowCapacity(genome, projection) * populationCapacity(source);
    maxDelaySteps = Math.max(maxDelaySteps, delayToSteps(distributionMax(projection.delay_ms), genome.dt_ms));
  }
  return { neurons, synapseSlots, maxDelaySteps, ringBytes: (maxDelaySteps + 1) * RING_CHANNELS * neurons * 4 };
}

function duplicates(names: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return dup;
}

/** Rules the schema cannot express field by field. */
export function checkGenome(genome: Genome): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const byName = new Map(genome.populations.map((p) => [p.name, p]));

  const dupPops = duplicates(genome.populations.map((p) => p.name));
  genome.populations.forEach((p, i) => {
    const at = `populations[${i}]`;
    if (dupPops.has(p.name)) err(`${at}.name`, `"${p.name}" is used by more than one population`);
    const capacity = populationCapacity(p);
    if (capacity < p.size) err(`${at}.capacity`, `${capacity} is smaller than size ${p.size}`);
    if (p.layout.kind === 'grid' && p.layout.width * p.layout.height !== capacity)
      err(`${at}.layout`, `grid ${p.layout.width}x${p.layout.height} holds ${p.layout.width * p.layout.height} neurons but the capacity is ${capacity}`);
    if (p.role === 'sensor' && p.neuron.model !== 'spike_source') err(`${at}.neuron.model`, 'a sensor population must be a spike_source');
    if (p.adaptive_threshold && p.neuron.model !== 'lif') err(`${at}.adaptive_threshold`, `needs a lif population, not ${p.neuron.model}`);
  });

  const dupProj = duplicates(genome.projections.map(projectionName));
  genome.projections.forEach((proj, i) => {
    const at = `projections[${i}]`;
    if (dupProj.has(projectionName(proj))) err(`${at}.name`, `"${projectionName(proj)}" is used by more than one projection`);
    const source = byName.get(proj.source);
    const target = byName.get(proj.target);
    if (!source) err(`${at}.source`, `no population named "${proj.source}"`);
    if (!target) err(`${at}.target`, `no population named "${proj.target}"`);
    if (target && target.neuron.model === 'spike_source') err(`${at}.target`, `"${proj.target}" is a spike_source and cannot receive synapses`);
    if (source && target && proj.connectivity.kind === 'one_to_one' && populationCapacity(source) !== populationCapacity(target))
      err(`${at}.connectivity`, `one_to_one needs equal capacities, got ${populationCapacity(source)} and ${populationCapacity(target)}`);
    if (source && proj.connectivity.kind === 'fixed_indegree') {
      const available = populationCapacity(source) - (skipsSelf(proj) ? 1 : 0);
      if (proj.connectivity.k > available) err(`${at}.connectivity.k`, `${proj.connectivity.k} exceeds the ${available} available sources`);
    }
    if (distributionMin(proj.weight) < 0) err(`${at}.weight`, 'weights are magnitudes and must be >= 0 (the source population sign gives the channel)');
    const maxDelay = distributionMax(proj.delay_ms);
    if (distributionMin(proj.delay_ms) < 0) err(`${at}.delay_ms`, 'delays must be >= 0 ms');
    if (maxDelay > LIMITS.maxDelayMs) err(`${at}.delay_ms`, maxDelay === Infinity ? 'a normal delay needs a max' : `${maxDelay} ms exceeds the limit ${LIMITS.maxDelayMs} ms`);
    else if (delayToSteps(maxDelay, genome.dt_ms) > LIMITS.maxDelaySteps)
      err(`${at}.delay_ms`, `${maxDelay} ms is ${delayToSteps(maxDelay, genome.dt_ms)} steps, more than the limit ${LIMITS.maxDelaySteps}`);
    const rule = proj.plasticity;
    if (rule) {
      if (rule.w_min > rule.w_max) err(`${at}.plasticity.w_max`, `${rule.w_max} is below w_min ${rule.w_min}`);
      if (distributionMax(proj.weight) > rule.w_max) err(`${at}.weight`, `can draw ${distributionMax(proj.weight)}, above the plasticity's w_max ${rule.w_max}`);
      if (rule.rule === 'vogels' && source && source.sign !== 'inhibitory') err(`${at}.plasticity.rule`, 'vogels inhibitory plasticity needs an inhibitory source population');
    }
    if (proj.feedback_of !== undefined) {
      const forward = genome.projections.find((p) => projectionName(p) === proj.feedback_of);
      if (!forward) err(`${at}.feedback_of`, `no projection named "${proj.feedback_of}"`);
      else if (forward.source !== proj.target || forward.target !== proj.source)
        err(`${at}.feedback_of`, `a feedback path runs ${forward.target}->${forward.source}, the reverse of "${proj.feedback_of}"`);
    }
    if (source && target) {
      const capacity = rowCapacity(genome, proj);
      if (capacity > LIMITS.maxRowCapacity) err(`${at}.row_capacity`, `${capacity} exceeds the limit ${LIMITS.maxRowCapacity}`);
    }
  });

  const dupSensors = duplicates(genome.sensors.map((s) => s.name));
  genome.sensors.forEach((s, i) => {
    const at = `sensors[${i}]`;
    if (dupSensors.has(s.name)) err(`${at}.name`, `"${s.name}" is used by more than one sensor`);
    const population = byName.get(s.population);
    if (!population) err(`${at}.population`, `no population named "${s.population}"`);
    else if (population.neuron.model !== 'spike_source') err(`${at}.population`, `"${s.population}" must be a spike_source population`);
  });

  if (errors.length) return errors;
  const size = estimateSize(genome);
  if (size.neurons > LIMITS.maxNeurons)
    err('populations', `${size.neurons.toLocaleString('en')} neurons in all exceed the limit ${LIMITS.maxNeurons.toLocaleString('en')}`);
  if (size.synapseSlots > LIMITS.maxSynapseSlots)
    err('projections', `${size.synapseSlots.toLocaleString('en')} synapse slots in all exceed the limit ${LIMITS.maxSynapseSlots.toLocaleString('en')}`);
  if (size.ringBytes > LIMITS.maxDelayRingBytes)
    err('projections', `the delay ring needs ${(size.ringBytes / 2 ** 20).toFixed(0)} MiB (${size.maxDelaySteps} steps x ${size.neurons.toLocaleString('en')} neurons), more than ${LIMITS.maxDelayRingBytes / 2 ** 20} MiB: shorten the longest delay or the network`);
  return errors;
}

/**
 * True when the projection never connects source i to target i: a recurrent
 * projection without autapses, or one that skips equal indices.
 */
export function skipsSelf(projection: Projection): boolean {
  return (projection.source === projection.target && !projection.autapses) || projection.skip_same_index;
}

export function projectionName(projection: Projection): string {
  return projection.name ?? `${projection.source}->${projection.target}`;
}
