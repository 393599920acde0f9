import { describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, type GenomeInput } from '@/model';
import { buildConnectome, EMPTY_SLOT } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

type ProjectionInput = NonNullable<GenomeInput['projections']>[number];

const stdp: ProjectionInput['plasticity'] = { rule: 'stdp', a_plus: 0.02, a_minus: 0.021, w_max: 1 };

/**
 * A (20 LIF, bias 16 mV, kicked by 40 Poisson sources) and B (20 LIF, bias
 * 16 mV) both fire; A -> B is the forward path, B -> A its feedback path
 * (`feedback_of`), all-to-all with weights drawn from U(0.1, 0.5) for each
 * projection on its own. `train` says which of the two carries STDP (the
 * forward one also a normalisation every 5 ms).
 */
function network(train: 'forward' | 'feedback'): CpuEngine {
  const path = (source: string, target: string, plastic: boolean, extra: Partial<ProjectionInput> = {}): ProjectionInput => ({
    source,
    target,
    connectivity: { kind: 'probability', p: 1 },
    weight: { kind: 'uniform', min: 0.1, max: 0.5 },
    plasticity: plastic ? stdp : undefined,
    ...extra,
  });
  const genome = parseGenome({
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    seed: 2,
    populations: [
      { name: 'in', size: 40, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 30 } },
      { name: 'A', size: 20, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 16 } },
      { name: 'B', size: 20, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 16 } },
    ],
    projections: [
      { source: 'in', target: 'A', connectivity: { kind: 'probability', p: 0.2 }, weight: { kind: 'constant', value: 1 } },
      path('A', 'B', train === 'forward', train === 'forward' ? { normalization: { total: 6, every_ms: 5 } } : {}),
      path('B', 'A', train === 'feedback', { feedback_of: 'A->B' }),
    ],
  });
  return new CpuEngine(buildConnectome(genome));
}

/** Projection p's weights as a dense source x target matrix (0 where no synapse). */
function matrix(engine: CpuEngine, p: number): number[][] {
  const layout = engine.connectome.projections[p];
  const source = engine.connectome.populations[layout.source];
  const target = engine.connectome.populations[layout.target];
  const { target: post, weight, rowEnd } = engine.state.synapses;
  const m = Array.from({ length: source.size }, () => new Array<number>(target.size).fill(0));
  for (let row = 0; row < source.size; row++)
    for (let s = layout.slotStart + row * layout.rowCapacity, end = s + rowEnd[layout.rowStart + row]; s < end; s++) if (post[s] !== EMPTY_SLOT) m[row][post[s] - target.start] = weight[s];
  return m;
}

const transpose = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));

describe('feedback paths', () => {
  it('are not the transpose of their forward path: of the 400 pairs, the feedback weight of b -> a differs from the forward weight of a -> b in all but a handful', () => {
    const engine = network('forward');
    const forward = matrix(engine, 1);
    const feedbackT = transpose(matrix(engine, 2));
    const equal = forward.flat().filter((w, k) => w === feedbackT.flat()[k]).length;
    expect(equal).toBeLessThan(5);
  });

  it('keep their own weights while the forward path learns: STDP and normalisation move A -> B, B -> A stays bit for bit as grown', () => {
    const engine = network('forward');
    const [forward, feedback] = [matrix(engine, 1), matrix(engine, 2)];
    engine.step(5_000);
    expect(matrix(engine, 1)).not.toEqual(forward);
    expect(matrix(engine, 2)).toEqual(feedback);
  });

  it('learn on their own while the forward path stays: STDP moves B -> A, A -> B stays bit for bit as grown', () => {
    const engine = network('feedback');
    const [forward, feedback] = [matrix(engine, 1), matrix(engine, 2)];
    engine.step(5_000);
    expect(matrix(engine, 2)).not.toEqual(feedback);
    expect(matrix(engine, 1)).toEqual(forward);
  });
});
