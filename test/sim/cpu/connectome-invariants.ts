/**
 * The invariants every structural edit must keep, checked from scratch over
 * the whole state: rows, rowEnd, the reverse index, alive neurons, delays.
 * Returns one line per violation (empty when the state is consistent), so a
 * failing test names what broke.
 */
import { EMPTY_SLOT, type Connectome } from '@/sim/connectome';
import { learningConstants, type CpuEngine } from '@/sim/cpu';

export function connectomeViolations(engine: CpuEngine): string[] {
  const connectome: Connectome = engine.connectome;
  const { state } = engine;
  const { target, delaySteps, rowEnd, weight } = state.synapses;
  const { columns } = learningConstants(connectome).reverse;
  const problems: string[] = [];
  for (const p of connectome.projections) {
    const source = connectome.populations[p.source];
    const targetPopulation = connectome.populations[p.target];
    const expected = new Map<number, number[]>();
    for (let row = 0; row < source.capacity; row++) {
      const first = p.slotStart + row * p.rowCapacity;
      const end = rowEnd[p.rowStart + row];
      const seen = new Set<number>();
      if (end > p.rowCapacity) problems.push(`${p.name} row ${row}: rowEnd ${end} > capacity ${p.rowCapacity}`);
      if (end > 0 && target[first + end - 1] === EMPTY_SLOT) problems.push(`${p.name} row ${row}: slot rowEnd - 1 is empty`);
      for (let s = first + end; s < first + p.rowCapacity; s++) if (target[s] !== EMPTY_SLOT) problems.push(`${p.name} row ${row}: slot ${s} past rowEnd in use`);
      for (let s = first; s < first + end; s++) {
        const post = target[s];
        if (post === EMPTY_SLOT) {
          if (weight[s] !== 0 || delaySteps[s] !== 0) problems.push(`${p.name} slot ${s}: empty but weight ${weight[s]}, delay ${delaySteps[s]}`);
          continue;
        }
        if (state.alive[source.start + row] === 0) problems.push(`${p.name} row ${row}: unborn source has a synapse`);
        if (post < targetPopulation.start || post >= targetPopulation.start + targetPopulation.capacity) problems.push(`${p.name} slot ${s}: target ${post} outside "${targetPopulation.name}"`);
        else if (state.alive[post] === 0) problems.push(`${p.name} slot ${s}: unborn target ${post}`);
        if (seen.has(post)) problems.push(`${p.name} row ${row}: two synapses onto ${post}`);
        seen.add(post);
        if (delaySteps[s] < 1 || delaySteps[s] >= state.ringLength) problems.push(`${p.name} slot ${s}: delay ${delaySteps[s]} outside [1, ${state.ringLength - 1}]`);
        expected.set(post, [...(expected.get(post) ?? []), s]);
      }
    }
    const c = columns[p.index];
    if (!c) continue;
    for (let j = 0; j < c.columnCount; j++) {
      const count = state.reverseCount[c.countStart + j];
      if (count > c.columnCapacity) problems.push(`${p.name} column ${j}: ${count} entries > capacity ${c.columnCapacity}`);
      const first = c.columnStart + j * c.columnCapacity;
      const listed = Array.from(state.reverseSlot.subarray(first, first + count)).sort((a, b) => a - b);
      const want = (expected.get(c.targetStart + j) ?? []).sort((a, b) => a - b);
      if (listed.join() !== want.join()) problems.push(`${p.name} column ${j}: lists [${listed}] but the rows hold [${want}]`);
    }
  }
  for (const population of connectome.populations) {
    const alive = Array.from(state.alive.subarray(population.start, population.start + population.capacity));
    const born = alive.indexOf(0) < 0 ? alive.length : alive.indexOf(0);
    if (alive.slice(born).some((a) => a !== 0)) problems.push(`"${population.name}": alive neurons are not its first ${born}`);
  }
  return problems;
}
