import { describe, expect, it } from 'vitest';
import { cubaGenome, estimateSize, GenomeError, LIMITS, parseGenome, PRESETS, rowCapacity, validateGenome } from '@/model';
import { tinyGenome } from './tiny-genome';

/** The messages for a genome, as `path: message` lines. */
function problems(input: unknown): string[] {
  const result = validateGenome(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('genome validation', () => {
  it('accepts a minimal genome and fills in the documented defaults', () => {
    const g = parseGenome(tinyGenome());
    expect(g.dt_ms).toBe(0.1);
    expect(g.populations[1].neuron).toMatchObject({ model: 'lif', tau_m_ms: 20, v_thresh_mV: -50, t_ref_ms: 2 });
    expect(g.projections[0]).toMatchObject({ synapse: 'current', autapses: false, delay_ms: { kind: 'constant', value: 1 } });
  });

  it('names a missing field', () => {
    const { seed: _seed, ...noSeed } = tinyGenome();
    expect(problems(noSeed)).toEqual(['seed: Invalid input: expected number, received undefined']);
    const g = tinyGenome();
    delete (g.populations[1] as { sign?: string }).sign;
    expect(problems(g)).toEqual([expect.stringMatching(/^populations\[1\]\.sign: /)]);
  });

  it('names a field of the wrong type', () => {
    const g = tinyGenome() as Record<string, unknown>;
    g.dt_ms = '0.1';
    expect(problems(g)).toEqual(['dt_ms: must be a finite number']);
  });

  it('refuses NaN and infinities', () => {
    const g = tinyGenome();
    g.populations[1].neuron = { model: 'lif', tau_m_ms: Number.NaN };
    expect(problems(g)).toEqual(['populations[1].neuron.tau_m_ms: must be a finite number']);
    g.populations[1].neuron = { model: 'lif', tau_m_ms: Infinity };
    expect(problems(g)).toEqual(['populations[1].neuron.tau_m_ms: must be a finite number']);
  });

  it('names out-of-range values with the limit', () => {
    const g = tinyGenome();
    g.dt_ms = 5;
    g.populations[0].neuron = { model: 'spike_source', rate_hz: 5000 };
    expect(problems(g)).toEqual(['dt_ms: must be <= 1 ms', 'populations[0].neuron.rate_hz: must be <= 1000 Hz']);
  });

  it('keeps the range message of a learning-rule parameter, and refuses an adaptive threshold off LIF', () => {
    const g = tinyGenome();
    g.projections![0].plasticity = { rule: 'stdp', a_minus: 2 };
    g.populations[0].adaptive_threshold = {};
    expect(problems(g)).toEqual(['projections[0].plasticity.a_minus: Too big: expected number to be <=1']);
    g.projections![0].plasticity = { rule: 'stdp' };
    expect(problems(g)).toEqual(['populations[0].adaptive_threshold: needs a lif population, not spike_source']);
  });

  it('refuses a population bigger than the limit before anything is grown', () => {
    const g = tinyGenome();
    g.populations[1].size = 2e9;
    expect(problems(g)).toEqual([`populations[1].size: exceeds the limit ${LIMITS.maxPopulationCapacity}`]);
  });

  it('refuses a network whose neurons or synapses together exceed the limits', () => {
    const g = tinyGenome();
    g.populations = [1, 2].map((i) => ({ name: `P${i}`, size: 1_500_000, neuron: { model: 'lif' as const }, sign: 'excitatory' as const }));
    g.projections = [];
    expect(problems(g)).toEqual(['populations: 3,000,000 neurons in all exceed the limit 2,000,000']);

    const dense = tinyGenome();
    dense.populations[0].size = 200_000;
    dense.populations[1].size = 200_000;
    dense.projections![0].connectivity = { kind: 'probability', p: 0.05 };
    expect(problems(dense)).toEqual([expect.stringMatching(/^projections: [\d,]+ synapse slots in all exceed the limit 200,000,000$/)]);
  });

  it('checks references, names, geometry and delays across fields', () => {
    const g = tinyGenome();
    g.populations.push({ name: 'E', size: 4, neuron: { model: 'lif' }, sign: 'inhibitory', layout: { kind: 'grid', width: 3, height: 3 } });
    g.projections!.push({ source: 'nowhere', target: 'in', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: -1 }, delay_ms: { kind: 'constant', value: 500 } });
    expect(problems(g)).toEqual([
      'populations[1].name: "E" is used by more than one population',
      'populations[2].name: "E" is used by more than one population',
      'populations[2].layout: grid 3x3 holds 9 neurons but the capacity is 4',
      'projections[1].source: no population named "nowhere"',
      'projections[1].target: "in" is a spike_source and cannot receive synapses',
      'projections[1].weight: weights are magnitudes and must be >= 0 (the source population sign gives the channel)',
      'projections[1].delay_ms: 500 ms exceeds the limit 100 ms',
    ]);
  });

  it('refuses unknown fields rather than ignoring them', () => {
    const g = { ...tinyGenome(), colour: 'blue' };
    expect(problems(g)).toEqual([expect.stringMatching(/^: Unrecognized key: "colour"/)]);
  });

  it('refuses a genome of another version or format', () => {
    expect(problems({ ...tinyGenome(), version: 2 })).toEqual(['version: must be 1']);
    expect(problems({ ...tinyGenome(), format: 'other' })).toEqual(['format: must be "neuroplay-genome"']);
  });

  it('throws a GenomeError listing every problem', () => {
    const g = tinyGenome();
    g.seed = -1;
    g.dt_ms = 0;
    expect(() => parseGenome(g)).toThrow(GenomeError);
    expect(() => parseGenome(g)).toThrow(/seed: .*\ndt_ms: must be >= 0.01 ms/);
  });

  it('round-trips every preset through JSON exactly', () => {
    for (const preset of Object.values(PRESETS)) {
      const genome = parseGenome(preset.genome({}));
      const again = parseGenome(JSON.parse(JSON.stringify(genome)));
      expect(again).toEqual(genome);
      expect(JSON.stringify(again)).toBe(JSON.stringify(genome));
    }
  });
});

describe('size estimate', () => {
  it('sizes rows at the expected out-degree plus six standard deviations', () => {
    // CUBA at N = 4000: E->E has 3200 targets at p = 0.02, mean 64, sd sqrt(64 * 0.98) = 7.92.
    const g = parseGenome(cubaGenome(4000));
    expect(rowCapacity(g, g.projections[0])).toBe(Math.ceil(64 + 6 * Math.sqrt(64 * 0.98) + 2));
    const size = estimateSize(g);
    expect(size.neurons).toBe(4000);
    expect(size.maxDelaySteps).toBe(1);
  });

  it('keeps the 1,000,000-neuron CUBA network (80 million synapses) within the limits', () => {
    const result = validateGenome(cubaGenome(1_000_000));
    expect(result.ok).toBe(true);
  });
});
