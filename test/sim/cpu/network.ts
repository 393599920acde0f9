/**
 * A small mixed network for whole-engine tests: Poisson and regular sources
 * drive LIF E and I populations and chattering Izhikevich cells through
 * current- and conductance-based synapses with delays of 1 to 5 steps.
 * Synapses are spread by a fixed arithmetic rule, so the wiring is the same
 * whatever the seed; the seed changes only the input spikes and phases.
 */
import type { Connectome } from '@/sim/connectome';
import { handConnectome, izhikevich, lif, sources, type HandProjection, type HandSynapse } from './fixtures';

function rows(sourceSize: number, targetSize: number, perRow: number, weight: number): HandSynapse[] {
  const out: HandSynapse[] = [];
  for (let from = 0; from < sourceSize; from++)
    for (let k = 0; k < perRow; k++) out.push({ from, to: (from * 7 + k * 13) % targetSize, weight, delaySteps: 1 + ((from + k) % 5) });
  return out;
}

const project = (source: string, target: string, synapses: HandSynapse[], synapse: HandProjection['synapse'] = 'current'): HandProjection => ({ source, target, synapse, synapses });

export function mixedNetwork(seed = 7): Connectome {
  return handConnectome({
    seed,
    populations: [
      sources('retina', 40, 'poisson', 40),
      sources('clock', 10, 'regular', 25),
      { ...lif('E', 40, { t_ref_ms: 2 }), capacity: 44 },
      lif('I', 10, {}, 'inhibitory'),
      izhikevich('Z', 10, { preset: 'chattering' }),
    ],
    projections: [
      project('retina', 'E', rows(40, 44, 10, 10)),
      project('retina', 'Z', rows(40, 10, 4, 6)),
      project('clock', 'I', rows(10, 10, 3, 2), 'conductance'),
      project('E', 'E', rows(40, 44, 8, 1)),
      project('E', 'I', rows(40, 10, 4, 2)),
      project('I', 'E', rows(10, 44, 8, 3)),
      project('E', 'Z', rows(40, 10, 2, 0.2), 'conductance'),
    ],
  });
}
