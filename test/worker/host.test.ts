import { beforeAll, describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, PRESETS, type GenomeInput } from '@/model';
import { MAX_FRAMES_IN_FLIGHT, STATUS_INTERVAL_MS } from '@/worker/host';
import { HostHarness } from './host-harness';

/** The balanced network: its retina fires 20 Hz, so the sensor tests have a known input. */
const defaultGenome = PRESETS.balanced.genome({});

/** The harness with the default experiment loaded (paused, step 0). */
async function loaded(): Promise<HostHarness> {
  const h = new HostHarness();
  await h.send({ type: 'load', genome: defaultGenome });
  return h;
}

describe('EngineHost: loading', () => {
  let h: HostHarness;
  beforeAll(async () => {
    h = await loaded();
  });

  // balanced.ts: retina 256 + E 800 + I 200; in-degrees 40 (retina->E, ->I), 80 (E->E, E->I), 20 (I->E, I->I).
  it('reports ready on the CPU with 1,256 neurons, 140,000 synapses (800*40 + 200*40 + 800*80 + 200*80 + 800*20 + 200*20) and dt 0.1 ms', () => {
    const ready = h.last('ready');
    expect(ready.backend).toBe('cpu');
    expect(ready.neurons).toBe(1256);
    expect(ready.synapses).toBe(140_000);
    expect(ready.dtMs).toBe(0.1);
    expect(ready.populations.map((p) => `${p.name}:${p.start}+${p.size}`)).toEqual(['retina:0+256', 'E:256+800', 'I:1056+200']);
  });

  it('starts paused at step 0 (one status, running false, sim time 0 ms)', () => {
    const status = h.last('status');
    expect([status.running, status.step, status.simTimeMs, status.speed]).toEqual([false, 0, 0, 1]);
  });
});

describe('EngineHost: stepping on request', () => {
  // 256 Poisson sources at 20 Hz over 100 ms: 512 spikes expected, Poisson sd sqrt(512) = 22.6.
  it('steps 1,000 steps (100 ms) into one frame [0, 1000) with 512 +- 5 sd retina spikes and a 20 +- 4.5 Hz retina rate', async () => {
    const h = await loaded();
    await h.send({ type: 'step', steps: 1000 });
    const frame = h.last('frame');
    expect([frame.stepStart, frame.stepEnd]).toEqual([0, 1000]);
    expect(frame.populationSpikes[0]).toBeGreaterThan(512 - 5 * 22.6);
    expect(frame.populationSpikes[0]).toBeLessThan(512 + 5 * 22.6);
    expect(frame.spikeStep.every((s) => s < 1000)).toBe(true);
    const status = h.last('status');
    expect([status.step, status.simTimeMs, status.running]).toEqual([1000, 100, false]);
    expect(Math.abs(status.ratesHz[0] - 20)).toBeLessThan(4.5);
  });
});

describe('EngineHost: the loop paced to wall-clock time', () => {
  // dt = 0.1 ms: real time is 10 steps per wall ms. Ticks come every 1000/60 ms; the last one may land a hair
  // after 1,000 ms in floating point, so the count is 10,000 steps or one short of it.
  it('runs 10,000 steps (1 s) and posts 60 frames in 1 s of wall clock at speed 1', async () => {
    const h = await loaded();
    await h.send({ type: 'run' });
    await h.advance(1000.001);
    expect(h.stepEnd).toBeGreaterThanOrEqual(9999);
    expect(h.stepEnd).toBeLessThanOrEqual(10_000);
    expect(h.all('frame').length).toBeGreaterThanOrEqual(59);
    expect(h.all('frame').length).toBeLessThanOrEqual(61);
  });

  it('runs twice as many steps, 20,000 +- 1, at speed 2', async () => {
    const h = await loaded();
    await h.send({ type: 'setSpeed', speed: 2 });
    await h.send({ type: 'run' });
    await h.advance(1000.001);
    expect(Math.abs(h.stepEnd - 20_000)).toBeLessThanOrEqual(1);
  });

  // A status goes out at the first tick at least 250 ms after the previous one: every 15 or 16 ticks of 1000/60 ms
  // (250 or 266.7 ms, by floating-point luck), so 3 or 4 in a second.
  it(`posts a status every ${STATUS_INTERVAL_MS} ms or one tick more (3 or 4 in 1 s), with a real-time factor of 1 +- 0.02 when never behind`, async () => {
    const h = await loaded();
    await h.send({ type: 'run' });
    const before = h.all('status').length;
    await h.advance(1000.001);
    const statuses = h.all('status').slice(before);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(statuses.length).toBeLessThanOrEqual(4);
    const last = statuses[statuses.length - 1];
    expect(last.running).toBe(true);
    expect(Math.abs(last.realTimeFactor - 1)).toBeLessThan(0.02);
  });

  it('takes no step after pause (0 steps in 1 s) and says running false', async () => {
    const h = await loaded();
    await h.send({ type: 'run' });
    await h.advance(200);
    await h.send({ type: 'pause' });
    const stepAtPause = h.last('status').step;
    await h.advance(1000);
    expect(h.last('status').running).toBe(false);
    expect(h.last('status').step).toBe(stepAtPause);
    expect(h.stepEnd).toBe(stepAtPause);
  });

  it(`stops at ${MAX_FRAMES_IN_FLIGHT} unacknowledged frames, and one acknowledgement lets exactly one more through`, async () => {
    const h = await loaded();
    h.acknowledge = false;
    await h.send({ type: 'run' });
    await h.advance(1000);
    expect(h.all('frame').length).toBe(MAX_FRAMES_IN_FLIGHT);
    const stalledAt = h.stepEnd;
    h.host.receive({ type: 'frameHandled' });
    await h.advance(100);
    expect(h.all('frame').length).toBe(MAX_FRAMES_IN_FLIGHT + 1);
    // The debt of the stalled second is dropped, not caught up: at most one tick of steps (1000/60 ms * 10 + 1).
    expect(h.stepEnd - stalledAt).toBeLessThanOrEqual(168);
  });
});

describe('EngineHost: errors are posted, never thrown or swallowed', () => {
  it('answers a genome with a negative size with a genome error naming populations[0].size, and keeps the loaded network', async () => {
    const h = await loaded();
    const broken = { format: GENOME_FORMAT, version: GENOME_VERSION, seed: 1, populations: [{ name: 'E', size: -5, sign: 'excitatory', neuron: { model: 'lif' } }] };
    await h.send({ type: 'load', genome: broken });
    const error = h.last('error');
    expect(error.phase).toBe('genome');
    expect(error.message).toContain('populations[0].size');
    await h.send({ type: 'step', steps: 10 });
    expect(h.last('status').step).toBe(10);
    expect(h.all('ready').length).toBe(1);
  });

  it('answers 250,000 neurons with a build error: over the browser budget of 200,000 (below the model limit of 2,000,000)', async () => {
    const h = new HostHarness();
    const big: GenomeInput = { format: GENOME_FORMAT, version: GENOME_VERSION, seed: 1, populations: [{ name: 'E', size: 250_000, sign: 'excitatory', neuron: { model: 'lif' } }] };
    await h.send({ type: 'load', genome: big });
    const error = h.last('error');
    expect(error.phase).toBe('build');
    expect(error.message).toContain('250,000 neurons in all exceed the build budget of 200,000');
    expect(h.all('ready').length).toBe(0);
  });

  it.each([
    ['run before any load', { type: 'run' }, 'run: no network is loaded'],
    ['a speed of 0', { type: 'setSpeed', speed: 0 }, 'setSpeed.speed: 0 is outside 0.01 .. 1000'],
    ['1.5 steps', { type: 'step', steps: 1.5 }, 'step.steps: 1.5 must be an integer'],
    ['an unknown message', { type: 'explode' }, 'unknown message {"type":"explode"}'],
  ] as const)('answers %s with a message error', async (_, message, text) => {
    const h = new HostHarness();
    if (message.type !== 'run') await h.send({ type: 'load', genome: defaultGenome });
    // The worker receives whatever the page posts: an unknown type must be answered too.
    await h.send(message as never);
    const error = h.last('error');
    expect(error.phase).toBe('message');
    expect(error.message).toContain(text);
  });

  it('stops the loop and says so when a frame cannot be posted (a run error, then status running false)', async () => {
    const h: HostHarness = new HostHarness({
      post: (message) => {
        if (message.type === 'frame') throw new Error('DataCloneError: the frame could not be cloned');
        h.posted.push(message);
      },
    });
    await h.send({ type: 'load', genome: defaultGenome });
    await h.send({ type: 'run' });
    await h.advance(100);
    const error = h.last('error');
    expect(error.phase).toBe('run');
    expect(error.message).toContain('DataCloneError');
    expect(h.last('status').running).toBe(false);
  });
});

describe('EngineHost: teaching', () => {
  // The default experiment's modulators decay with the schema's default tau (200 ms); a pulse while paused shows at once.
  it('pulses dopamine by 1 while paused: the next status reads [1, 0]; 1,000 steps (100 ms) later it has decayed by exp(-100 / tau)', async () => {
    const h = await loaded();
    await h.send({ type: 'pulse', modulator: 'dopamine', amount: 1 });
    expect(h.last('status').modulators).toEqual([1, 0]);
    await h.send({ type: 'step', steps: 1000 });
    await h.send({ type: 'pulse', modulator: 'aversion', amount: 0.5 });
    const [dopamine, aversion] = h.last('status').modulators;
    const tau = parseGenome(defaultGenome).modulators.dopamine.tau_ms;
    expect(dopamine).toBeCloseTo(Math.exp(-100 / tau), 4);
    expect(aversion).toBe(0.5);
  });
});

describe('EngineHost: sensory deprivation', () => {
  // The retina is the default experiment's only sensor: 256 Poisson sources at 20 Hz, 512 +- 22.6 spikes per 100 ms.
  it('silences the retina (0 spikes in 100 ms) and gives its 20 Hz back (512 +- 5 sd spikes in the next 100 ms)', async () => {
    const h = await loaded();
    await h.send({ type: 'deprive', on: true });
    expect(h.last('status').deprived).toBe(true);
    await h.send({ type: 'step', steps: 1000 });
    expect(h.last('frame').populationSpikes[0]).toBe(0);
    await h.send({ type: 'deprive', on: false });
    expect(h.last('status').deprived).toBe(false);
    await h.send({ type: 'step', steps: 1000 });
    expect(Math.abs(h.last('frame').populationSpikes[0] - 512)).toBeLessThan(5 * 22.6);
  });
});
