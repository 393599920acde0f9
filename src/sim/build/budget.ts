/**
 * The size check that runs before the builder allocates anything: a genome
 * from a URL must not be able to make the page try to allocate gigabytes.
 */
import { estimateSize, GenomeError, LIMITS, type FieldError, type Genome, type GenomeSize } from '@/model';

/** A caller's own ceiling, below LIMITS (the browser passes a smaller one than Node). */
export interface BuildBudget {
  maxNeurons?: number;
  maxSynapseSlots?: number;
}

/** What a browser tab can hold comfortably: 200k neurons and 20M slots (200 MB of synapse arrays: target, weight and delay, 10 bytes a slot). */
export const BROWSER_BUDGET: BuildBudget = { maxNeurons: 200_000, maxSynapseSlots: 20_000_000 };

const count = (n: number) => n.toLocaleString('en');

/** The genome's size, or a `GenomeError` naming each total over LIMITS or the budget. */
export function checkBudget(genome: Genome, budget: BuildBudget = {}): GenomeSize {
  const size = estimateSize(genome);
  const errors: FieldError[] = [];
  const limit = (own: number | undefined, hard: number) => (own !== undefined && own < hard ? { value: own, what: 'the build budget' } : { value: hard, what: 'the limit' });
  const neurons = limit(budget.maxNeurons, LIMITS.maxNeurons);
  if (size.neurons > neurons.value)
    errors.push({ path: 'populations', message: `${count(size.neurons)} neurons in all exceed ${neurons.what} of ${count(neurons.value)}` });
  const slots = limit(budget.maxSynapseSlots, LIMITS.maxSynapseSlots);
  if (size.synapseSlots > slots.value)
    errors.push({ path: 'projections', message: `${count(size.synapseSlots)} synapse slots in all exceed ${slots.what} of ${count(slots.value)}` });
  if (errors.length) throw new GenomeError(errors);
  return size;
}
