/**
 * A small network whose connectome changes while it runs, for the
 * whole-engine tests of stage `structure`: Poisson input onto LIF neurons
 * "E" through a dopamine-gated STDP projection that is pulled toward zero,
 * pruned and grown every 10 ms; E grows neurons at 10 /s from a pool of 30
 * and keeps a negative drive that grows synapses (and a neuron) under
 * aversion; a recurrent fixed in-degree projection wires each newborn.
 */
import { GENOME_FORMAT, GENOME_VERSION, parseGenome } from '@/model';
import { buildConnectome, type Connectome } from '@/sim';

export function livingNetwork(seed = 3): Connectome {
  return buildConnectome(
    parseGenome({
      format: GENOME_FORMAT,
      version: GENOME_VERSION,
      seed,
      dt_ms: 0.1,
      modulators: { dopamine: { tau_ms: 50 }, aversion: { tau_ms: 200 } },
      populations: [
        { name: 'in', size: 100, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 20 } },
        {
          name: 'E',
          size: 50,
          capacity: 80,
          sign: 'excitatory',
          neuron: { model: 'lif', i_bias_mV: 14.5 },
          neurogenesis: { rate_per_s: 10, on_negative_drive: true },
          negative_drive: { threshold: 0.5, tau_ms: 100, grow: 5 },
        },
      ],
      projections: [
        {
          source: 'in',
          target: 'E',
          connectivity: { kind: 'probability', p: 0.1 },
          weight: { kind: 'uniform', min: 0, max: 2 },
          delay_ms: { kind: 'uniform', min: 0.1, max: 3 },
          row_capacity: 20,
          structural: { period_ms: 10, decay_per_s: 1, prune_below: 0.2, grow_per_period: 3, initial_weight: 1, min_post_trace: 0.01 },
          plasticity: { rule: 'stdp', w_max: 2, modulation: { modulator: 'dopamine', tau_eligibility_ms: 100, learning_rate: 0.05 } },
        },
        { source: 'E', target: 'E', connectivity: { kind: 'fixed_indegree', k: 5 }, weight: { kind: 'constant', value: 0.5 }, row_capacity: 20 },
      ],
    }),
  );
}
