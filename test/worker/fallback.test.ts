/**
 * The host's way out of a failing WebGPU engine: snapshots every few seconds
 * of wall time, and on a lost device or a GpuEngineError the run moves to the
 * CPU engine from the last snapshot and carries on. The WebGPU engine is
 * played by a CPU engine that fails on demand (FailingEngine), so the run
 * before and after the failure can be held against one uninterrupted CPU run:
 * the counter-based random streams make both step for step identical.
 */
import { describe, expect, it } from 'vitest';
import { parseGenome, PRESETS, type GenomeInput } from '@/model';
import { buildConnectome, type Backend, type Connectome, type EngineSnapshot, type Frame } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { GpuEngineError } from '@/sim/gpu/engine';
import { cpuEngine } from '@/worker/engines';
import { SNAPSHOT_INTERVAL_MS, SNAPSHOT_SHARE, type HostedEngine } from '@/worker/host';
import { HostHarness } from './host-harness';

/** The default experiment with STDP on retina -> E, so the weights learn while it runs: a lost snapshot would show. */
const base = PRESETS.balanced.genome({});
const genome: GenomeInput = {
  ...base,
  projections: base.projections!.map((p, k) =>
    k === 0 ? { ...p, plasticity: { rule: 'stdp' as const, form: 'additive' as const, a_plus: 0.05, a_minus: 0.06, w_min: 0, w_max: 6 } } : p,
  ),
};
const connectome = buildConnectome(parseGenome(genome));
/** Speed 0.1 at dt 0.1 ms: one step per wall-clock ms, so a snapshot interval of 2,000 ms is 2,000 steps. */
const SPEED = 0.1;
/** One tick of 1000/60 ms at one step per ms, rounded up. */
const STEPS_PER_TICK = 17;

/** A WebGPU engine as the host sees one (backend "webgpu"), computing on the CPU; after `failAtStep`, or once lost, every call throws. */
class FailingEngine extends CpuEngine {
  override readonly backend: Backend = 'webgpu';
  failAtStep = Infinity;
  failure: GpuEngineError | null = null;
  /** Step of every snapshot the host took. */
  readonly snapshotSteps: number[] = [];
  /** Wall time a snapshot takes, added to the harness's clock. */
  snapshotMs = 0;
  advanceClock: (ms: number) => void = () => {};

  private check(): void {
    if (this.stepCount >= this.failAtStep) this.failure ??= new GpuEngineError('WebGPU readback failed: the device is gone');
    if (this.failure) throw this.failure;
  }

  override step(steps: number): void {
    this.check();
    super.step(steps);
  }

  override readFrame(): Promise<Frame> {
    this.check();
    return super.readFrame();
  }

  override async snapshot(): Promise<EngineSnapshot> {
    this.check();
    this.advanceClock(this.snapshotMs);
    const snapshot = await super.snapshot();
    this.snapshotSteps.push(snapshot.step);
    return snapshot;
  }
}

/** The failing engine hosted as engines.ts hosts the WebGPU engine: a `failed` promise, a device to lose, a dispose. */
function failingHosted(engine: FailingEngine): HostedEngine & { disposed: number; lose(reason: string): void } {
  let resolveFailed: (reason: string) => void = () => {};
  const hosted = {
    engine,
    report: { backend: 'webgpu' as const, label: 'WebGPU (test double)', fallback: null },
    failed: new Promise<string>((resolve) => (resolveFailed = resolve)),
    disposed: 0,
    dispose: () => hosted.disposed++,
    lose: (reason: string) => {
      engine.failure = new GpuEngineError(reason);
      resolveFailed(reason);
    },
    loseDevice: () => hosted.lose('WebGPU device lost (destroyed): Device was destroyed.'),
  };
  return hosted;
}

/** A harness whose engine of choice is a FailingEngine, and whose fallbacks are kept for inspection. */
function failingHarness(): { h: HostHarness; engines: FailingEngine[]; hosted: ReturnType<typeof failingHosted>[]; fallbacks: CpuEngine[] } {
  const engines: FailingEngine[] = [];
  const hosted: ReturnType<typeof failingHosted>[] = [];
  const fallbacks: CpuEngine[] = [];
  const h: HostHarness = new HostHarness(
    {},
    {
      createEngine: (c: Connectome) => {
        const engine = new FailingEngine(c, { recordSpikes: true });
        engine.advanceClock = (ms) => (h.nowMs += ms);
        engines.push(engine);
        hosted.push(failingHosted(engine));
        return hosted[hosted.length - 1];
      },
      createFallback: (c: Connectome, reason: string) => {
        const fallback = cpuEngine(c, reason);
        fallbacks.push(fallback.engine as CpuEngine);
        return fallback;
      },
    },
  );
  return { h, engines, hosted, fallbacks };
}

/** Spikes as "step:neuron" over steps from .. to - 1, from frames in the order posted. */
function spikeKeys(frames: readonly { spikeStep: Uint32Array; spikeNeuron: Uint32Array }[], from: number, to: number): string[] {
  const keys: string[] = [];
  for (const f of frames) f.spikeStep.forEach((step, k) => step >= from && step < to && keys.push(`${step}:${f.spikeNeuron[k]}`));
  return keys;
}

/** An uninterrupted CPU run of the same network: its spikes over from .. to - 1 and its state at `from`. */
async function reference(from: number, to: number): Promise<{ spikes: string[]; atFrom: EngineSnapshot }> {
  const cpu = new CpuEngine(connectome, { recordSpikes: true });
  cpu.step(from);
  await cpu.readFrame();
  const atFrom = await cpu.snapshot();
  cpu.step(to - from);
  return { spikes: spikeKeys([await cpu.readFrame()], from, to), atFrom };
}

describe('EngineHost: a failing WebGPU engine hands the run to the CPU engine', () => {
  it(`running: a GpuEngineError at step 4,500 resumes on the CPU from the snapshot near step 4,000 (every ${SNAPSHOT_INTERVAL_MS} ms = 2,000 steps at speed ${SPEED}), which runs on with spikes identical to an uninterrupted run`, async () => {
    const { h, engines } = failingHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'setSpeed', speed: SPEED });
    engines[0].failAtStep = 4500;
    await h.send({ type: 'run' });
    await h.advance(6000);

    // Snapshots at the first tick past 2,000 ms, then 2,000 ms after that one: within a tick (two for the second) of steps 2,000 and 4,000.
    const [first, second] = engines[0].snapshotSteps;
    expect(engines[0].snapshotSteps).toHaveLength(2);
    expect(first - 2000).toBeGreaterThanOrEqual(0);
    expect(first - 2000).toBeLessThanOrEqual(STEPS_PER_TICK);
    expect(second - 4000).toBeGreaterThanOrEqual(0);
    expect(second - 4000).toBeLessThanOrEqual(2 * STEPS_PER_TICK);

    const reports = h.all('engine').map((m) => m.engine);
    expect(reports).toEqual([
      { backend: 'webgpu', label: 'WebGPU (test double)', fallback: null, resumedAtStep: null },
      { backend: 'cpu', label: 'CPU', fallback: 'WebGPU readback failed: the device is gone', resumedAtStep: second },
    ]);
    // Reported on the engine notice, not as a stopped simulation: the loop runs on (1,500 wall ms after the failure: about 1,500 more steps).
    expect(h.all('error')).toEqual([]);
    const status = h.last('status');
    expect(status.running).toBe(true);
    expect(status.step).toBeGreaterThan(second + 1000);

    // From the snapshot on, the CPU engine makes the spikes one engine running throughout would have made.
    const failoverAt = h.posted.indexOf(h.all('engine')[1]);
    const after = h.posted.slice(failoverAt).filter((m) => m.type === 'frame');
    expect(after[0].stepStart).toBe(second);
    const expected = await reference(second, second + 1000);
    const got = spikeKeys(after, second, second + 1000);
    // The balanced network fires about 5,000 retina spikes per second alone: 100 ms holds hundreds.
    expect(got.length).toBeGreaterThan(300);
    expect(got).toEqual(expected.spikes);
  });

  it('paused: a lost device moves the network to the CPU at once, still paused, at the snapshot of step 1,500 with the weights STDP learned by then', async () => {
    const { h, fallbacks } = failingHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'step', steps: 1000 });
    // Paused, no ticks: only the clock moves. The next step message finds a snapshot due and takes one after its steps.
    h.nowMs += SNAPSHOT_INTERVAL_MS + 500;
    await h.send({ type: 'step', steps: 500 });
    await h.send({ type: 'step', steps: 200 });
    expect(h.last('status').step).toBe(1700);
    await h.send({ type: 'loseDevice' });

    expect(h.last('engine').engine).toEqual({ backend: 'cpu', label: 'CPU', fallback: 'WebGPU device lost (destroyed): Device was destroyed.', resumedAtStep: 1500 });
    const status = h.last('status');
    expect([status.running, status.step]).toEqual([false, 1500]);

    const expected = await reference(1500, 1600);
    const resumed = await fallbacks[0].snapshot();
    expect(resumed.arrays.weight).toEqual(expected.atFrom.arrays.weight);
    // ... and the weights did learn: 40 retina inputs on each of 800 E neurons, a good share of them moved by STDP in 150 ms.
    const initial = (await new CpuEngine(connectome).snapshot()).arrays.weight;
    const moved = resumed.arrays.weight.filter((w, k) => w !== initial[k]).length;
    expect(moved).toBeGreaterThan(1000);

    await h.send({ type: 'step', steps: 100 });
    const frame = h.last('frame');
    expect([frame.stepStart, frame.stepEnd]).toEqual([1500, 1600]);
    expect(spikeKeys([frame], 1500, 1600)).toEqual(expected.spikes);
  });

  it('lost before the first snapshot: resumes from the network as built, at step 0', async () => {
    const { h } = failingHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'step', steps: 300 });
    await h.send({ type: 'loseDevice' });
    expect(h.last('engine').engine.resumedAtStep).toBe(0);
    expect(h.last('status').step).toBe(0);
  });

  it(`snapshots less often when a snapshot is slow: one taking 200 ms comes every 200 / ${SNAPSHOT_SHARE} = 4,000 ms, not every ${SNAPSHOT_INTERVAL_MS}`, async () => {
    const { h, engines } = failingHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'setSpeed', speed: SPEED });
    engines[0].snapshotMs = 200;
    await h.send({ type: 'run' });
    await h.advance(10_000);
    // The first at 2,000 ms runs the clock to 2,200 ms; the next is due 4,000 ms later, at 6,200 ms, and none after it before 10,200 ms.
    // The tick after the 200 ms jump makes up only MAX_CATCH_UP_MS = 100 ms of it: 4,200 - 100 = 4,100 steps between the two.
    const steps = engines[0].snapshotSteps;
    expect(steps).toHaveLength(2);
    expect(steps[0]).toBe(2000);
    expect(Math.abs(steps[1] - steps[0] - 4100)).toBeLessThanOrEqual(STEPS_PER_TICK);
  });

  it('an error that is not the engine failing (a frame that cannot be posted) stops the run as before: no fallback', async () => {
    const engines: FailingEngine[] = [];
    const h: HostHarness = new HostHarness(
      {
        post: (message) => {
          if (message.type === 'frame') throw new Error('DataCloneError: the frame could not be cloned');
          h.posted.push(message);
        },
      },
      {
        createEngine: (c) => {
          engines.push(new FailingEngine(c));
          return failingHosted(engines[0]);
        },
      },
    );
    await h.send({ type: 'load', genome });
    await h.send({ type: 'run' });
    await h.advance(100);
    expect(h.last('error')).toMatchObject({ phase: 'run', message: expect.stringContaining('DataCloneError') });
    expect(h.last('status').running).toBe(false);
    expect(h.all('engine').map((m) => m.engine.backend)).toEqual(['webgpu']);
  });

  it('a new network releases the previous engine, and that engine failing later changes nothing (2 engine reports, both WebGPU)', async () => {
    const { h, hosted } = failingHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'load', genome });
    expect([hosted[0].disposed, hosted[1].disposed]).toEqual([1, 0]);
    hosted[0].lose('WebGPU device lost (destroyed): Device was destroyed.');
    await h.send({ type: 'step', steps: 10 });
    expect(h.all('engine').map((m) => m.engine.backend)).toEqual(['webgpu', 'webgpu']);
    expect(h.last('status').step).toBe(10);
  });

  it('answers loseDevice on the CPU engine with a message error: no device to lose', async () => {
    const h = new HostHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'loseDevice' });
    expect(h.last('error')).toEqual({ type: 'error', phase: 'message', message: 'loseDevice: the network runs on the CPU engine, which has no device to lose' });
  });
});
