/** The smallest genome the model tests share: a spike source of 10 neurons at 5 Hz driving 20 LIF neurons (v_thresh -50 mV by default) with p = 0.5. */
import type { GenomeInput } from '@/model';

export const tinyGenome = (): GenomeInput => ({
  format: 'neuroplay-genome',
  version: 1,
  seed: 7,
  populations: [
    { name: 'in', size: 10, neuron: { model: 'spike_source', rate_hz: 5 }, sign: 'excitatory', role: 'sensor' },
    { name: 'E', size: 20, neuron: { model: 'lif' }, sign: 'excitatory' },
  ],
  projections: [{ source: 'in', target: 'E', connectivity: { kind: 'probability', p: 0.5 }, weight: { kind: 'constant', value: 1 } }],
});
