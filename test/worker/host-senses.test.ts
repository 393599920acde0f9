/**
 * The host's side of the playground: stimuli bound to sensors change rates
 * at the steps their programs say, unbinding and deprivation give the
 * sensor back its genome rate or silence, the membrane probe and weight
 * reads answer, the connectome view's synapse sample is read at load and
 * after steps, and structural change is counted in the status.
 */
import { describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, PRESETS, type GenomeInput } from '@/model';
import { EMPTY_SLOT } from '@/sim';
import type { StimulusProgram } from '@/stimuli';
import { HostHarness } from './host-harness';

/** The balanced network's retina: 256 sources at 20 Hz, max_rate_hz 63.75 for intensity 1. */
const balanced = PRESETS.balanced.genome({});
const RETINA = 256;
const MAX_RATE_HZ = 63.75;

async function loaded(genome: GenomeInput = balanced): Promise<HostHarness> {
  const h = new HostHarness();
  await h.send({ type: 'load', genome });
  return h;
}

const half = (): Float32Array => Float32Array.from({ length: RETINA }, (_, i) => (i < RETINA / 2 ? 1 : 0));
const program = (patterns: Float32Array[], presentMs: number, restMs: number): StimulusProgram => ({ label: 'test', patterns, presentMs, restMs, loop: true });

/** Poisson count: within 5 sd of its mean. */
function expectPoisson(count: number, mean: number): void {
  expect(Math.abs(count - mean), `${count} spikes, ${mean} expected`).toBeLessThan(5 * Math.sqrt(mean));
}

describe('EngineHost: stimuli on sensors', () => {
  it('binds a held pattern: half the retina at 63.75 Hz, the other half silent: 128 x 63.75 x 0.1 s = 816 spikes in 100 ms, none from the dark half', async () => {
    const h = await loaded();
    await h.send({ type: 'bind', sensor: 'retina', program: program([half()], 100, 0) });
    expect(h.last('status').bindings).toEqual([{ sensor: 'retina', label: 'test', showing: 0, count: 1 }]);
    await h.send({ type: 'step', steps: 1000 });
    const frame = h.last('frame');
    expectPoisson(frame.populationSpikes[0], (RETINA / 2) * MAX_RATE_HZ * 0.1);
    const dark = Array.from(frame.spikeNeuron).filter((n) => n >= RETINA / 2 && n < RETINA);
    expect(dark).toEqual([]);
  });

  it('presents a stream in simulated time: 20 ms of pattern A, 10 ms rest, 20 ms of B; spikes only from A during A, none in the rest, only from B during B', async () => {
    const h = await loaded();
    const a = half();
    const b = Float32Array.from(a, (v) => 1 - v);
    await h.send({ type: 'bind', sensor: 'retina', program: program([a, b], 20, 10) });
    await h.send({ type: 'step', steps: 500 });
    const frame = h.last('frame');
    const phaseOf = (step: number) => (step < 200 ? 'A' : step < 300 ? 'rest' : 'B');
    const seen = { A: new Set<string>(), rest: new Set<string>(), B: new Set<string>() };
    frame.spikeNeuron.forEach((n, k) => {
      if (n < RETINA) seen[phaseOf(frame.spikeStep[k])].add(n < RETINA / 2 ? 'first half' : 'second half');
    });
    expect([...seen.A]).toEqual(['first half']);
    expect([...seen.rest]).toEqual([]);
    expect([...seen.B]).toEqual(['second half']);
    expect(h.last('status').bindings[0]).toMatchObject({ showing: 1, count: 2 });
  });

  it('unbinds: the retina goes back to its genome rate, 20 Hz (512 spikes in 100 ms)', async () => {
    const h = await loaded();
    await h.send({ type: 'bind', sensor: 'retina', program: program([new Float32Array(RETINA)], 100, 0) });
    await h.send({ type: 'step', steps: 1000 });
    expect(h.last('frame').populationSpikes[0]).toBe(0);
    await h.send({ type: 'unbind', sensor: 'retina' });
    expect(h.last('status').bindings).toEqual([]);
    await h.send({ type: 'step', steps: 1000 });
    expectPoisson(h.last('frame').populationSpikes[0], 512);
  });

  it('deprivation silences a bound sensor and gives it its stimulus back, not its genome rate', async () => {
    const h = await loaded();
    await h.send({ type: 'bind', sensor: 'retina', program: program([half()], 100, 0) });
    await h.send({ type: 'deprive', on: true });
    await h.send({ type: 'step', steps: 1000 });
    expect(h.last('frame').populationSpikes[0]).toBe(0);
    await h.send({ type: 'deprive', on: false });
    await h.send({ type: 'step', steps: 1000 });
    expectPoisson(h.last('frame').populationSpikes[0], 816);
  });

  it('answers a sensor the genome lacks with a message error naming the sensors it has', async () => {
    const h = await loaded();
    await h.send({ type: 'bind', sensor: 'nose', program: program([half()], 100, 0) });
    expect(h.last('error').message).toBe('bind: the network has no sensor "nose" (it has "retina")');
  });
});

describe('EngineHost: looking inside', () => {
  /** One LIF neuron with a constant bias 10 mV below threshold at rest: v relaxes from -65 toward -55 mV with tau 20 ms. */
  const single: GenomeInput = {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    seed: 1,
    dt_ms: 0.1,
    populations: [{ name: 'n', size: 1, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 10 } }],
  };

  it('probes a membrane: 100 steps bring v(t) = -55 - 10 exp(-t / 20 ms) in the frame, one value per step', async () => {
    const h = await loaded(single);
    await h.send({ type: 'probe', neuron: 0 });
    await h.send({ type: 'step', steps: 100 });
    const probe = h.last('frame').probe!;
    expect(probe.neuron).toBe(0);
    expect(probe.v.length).toBe(100);
    expect(probe.v[99]).toBeCloseTo(-55 - 10 * Math.exp(-10 / 20), 3);
  });

  it('inspects a neuron: one incoming view per projection ending on it, from the retina on its 16 x 16 grid with 40 synapses (in-degree 40)', async () => {
    const h = await loaded();
    const e = parseGenome(balanced).populations.findIndex((p) => p.name === 'E');
    const firstE = RETINA;
    h.host.receive({ type: 'inspect', id: 7, neuron: firstE });
    await h.host.idle();
    const answer = h.last('inspection');
    expect([answer.id, answer.neuron, answer.population]).toEqual([7, firstE, e]);
    const fromRetina = answer.incoming.find((view) => view.source === 0)!;
    expect(fromRetina.grid).toEqual({ width: 16, height: 16 });
    expect(fromRetina.weights.offsets[1] - fromRetina.weights.offsets[0]).toBe(40);
    expect(answer.incoming.map((view) => view.source).sort()).toEqual([0, 1, 2]);
  });

  it('reads the weights of the first 100 targets of retina -> E: 100 x 40 synapses, weights drawn in [2.5, 4.5]', async () => {
    const h = await loaded();
    await h.send({ type: 'weights', id: 3, projection: 0, maxNeurons: 100 });
    const reply = h.last('weights');
    expect(reply.neurons.length).toBe(100);
    expect(reply.weights.offsets[100]).toBe(4000);
    expect(Math.min(...reply.weights.weight)).toBeGreaterThanOrEqual(2.5);
    expect(Math.max(...reply.weights.weight)).toBeLessThanOrEqual(4.5);
  });

  it('fails a request for a neuron that does not exist back to the request (requestId), not the banner', async () => {
    const h = await loaded();
    await h.send({ type: 'inspect', id: 9, neuron: 10_000_000 });
    expect(h.last('error')).toMatchObject({ phase: 'message', requestId: 9 });
  });
});

describe('EngineHost: the connectome view and structural change', () => {
  /** Four one-to-one synapses of weight 1 losing 1 per second, pruned below 0.5: all four go at the 500 ms check. */
  const dying: GenomeInput = {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    seed: 1,
    populations: [
      { name: 'pre', size: 4, sign: 'excitatory', role: 'sensor', neuron: { model: 'spike_source', rate_hz: 0 } },
      { name: 'post', size: 4, sign: 'excitatory', neuron: { model: 'lif' } },
    ],
    projections: [{ source: 'pre', target: 'post', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: 1 }, structural: { period_ms: 100, decay_per_s: 1, prune_below: 0.5 } }],
  };

  it('posts the sample at load (4 occupied slots), then after the 500 ms check all four empty; the status counts 4 pruned and 0 synapses', async () => {
    const h = await loaded(dying);
    const atLoad = h.last('synapses').sample;
    expect(Array.from(atLoad.slots)).toEqual([0, 1, 2, 3]);
    expect(Array.from(atLoad.post)).toEqual([4, 5, 6, 7]);
    expect(Array.from(atLoad.pre)).toEqual([0, 1, 2, 3]);
    expect(h.last('status').structure).toEqual({ synapses: 4, grown: 0, pruned: 0, born: 0 });
    await h.send({ type: 'step', steps: 6000 });
    expect(Array.from(h.last('synapses').sample.post)).toEqual([EMPTY_SLOT, EMPTY_SLOT, EMPTY_SLOT, EMPTY_SLOT]);
    expect(h.last('status').structure).toEqual({ synapses: 0, grown: 0, pruned: 4, born: 0 });
  });
});
