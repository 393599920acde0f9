/**
 * Engine.readIncoming and Engine.readSlots on the device
 * (shaders/inspect.wgsl): a kernel gathers or finds just what is asked for
 * into a small buffer, and only that is read back, never the synapse
 * arrays. The request and result buffers grow when a request needs more
 * room; each read writes, dispatches and records its copy out in one go, so
 * reads in flight never share a buffer's contents.
 */
import type { Connectome, ProjectionLayout } from '../connectome';
import { incomingWeightsOf } from '../cpu/incoming';
import { columnCapacity, type ReverseLayout } from '../cpu/reverse-index';
import { preOfSlots } from '../cpu/slot-sample';
import type { IncomingWeights, SlotSample } from '../engine';
import { checkFits } from './device';
import { ro, rw, type KernelDecl } from './kernels';
import { dispatch, rebind, type GpuBuffers, type Kernel } from './pipeline';
import { groupsOf } from './stage';
import type { ReadbackSpan } from './stages';
import { request } from './stages/learning-grid';

export const INSPECT_KERNEL: KernelDecl = {
  file: 'inspect',
  bindings: [
    { ...ro('target', 'array<u32>'), as: 'post_of' },
    ro('weight', 'array<f32>'),
    ro('inspect_in', 'array<u32>'),
    rw('inspect_out', 'array<atomic<u32>>'),
    request('inspect_request'),
  ],
  entryPoints: ['gather_slots', 'find_incoming'],
};

/** The request and result buffers' first sizes, words: a sample of 2,048 slots, or 1,365 synapses found. */
const FIRST_WORDS = 4096;

/** Copies spans out after everything submitted so far (the engine's readback). */
export type Download = (spans: readonly ReadbackSpan[]) => Promise<Uint32Array[]>;

/** Creates the buffers the inspect kernel binds, before it is compiled. */
export function createInspectBuffers(device: GPUDevice, buffers: GpuBuffers): void {
  buffers.set('inspect_request', device.createBuffer({ label: 'inspect_request', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
  for (const name of ['inspect_in', 'inspect_out']) buffers.set(name, inspectBuffer(device, name, FIRST_WORDS));
}

function inspectBuffer(device: GPUDevice, name: string, words: number): GPUBuffer {
  return device.createBuffer({ label: name, size: words * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
}

export class Inspector {
  /** Entries of find_incoming's list to make room for at first, per neuron asked for, by projection: an in-degree a neuron is unlikely to pass. */
  private readonly inDegreeBound: number[];

  constructor(
    private readonly device: GPUDevice,
    private readonly connectome: Connectome,
    private readonly buffers: GpuBuffers,
    private kernel: Kernel,
    private readonly download: Download,
    reverse: ReverseLayout,
  ) {
    // A plastic projection's reverse-index column holds every synapse onto its neuron: an exact bound.
    // Elsewhere the same estimate (every slot used, six standard deviations of headroom); a neuron with more costs a second read.
    this.inDegreeBound = connectome.projections.map((p) => reverse.columns[p.index]?.columnCapacity ?? columnCapacity(connectome, p, new Uint32Array(0)));
  }

  /** What `slots` (checked) hold after everything submitted before the call. */
  async readSlots(slots: Uint32Array): Promise<SlotSample> {
    const pre = preOfSlots(this.connectome, slots);
    if (slots.length === 0) return { pre, post: new Uint32Array(0), weight: new Float32Array(0) };
    this.reserve(slots.length, 2 * slots.length);
    this.run('gather_slots', [0, 0, slots.length], slots, groupsOf(slots.length));
    const [words] = await this.download([{ buffer: 'inspect_out', offset: 0, length: 2 * slots.length }]);
    const post = new Uint32Array(slots.length);
    const weightBits = new Uint32Array(slots.length);
    for (let k = 0; k < slots.length; k++) {
      post[k] = words[2 * k];
      weightBits[k] = words[2 * k + 1];
    }
    return { pre, post, weight: new Float32Array(weightBits.buffer) };
  }

  /**
   * The synapses of `layout` onto each of `neurons` (checked), as
   * incomingWeightsOf orders them, after everything submitted before the
   * call; a second read, when more are found than there was room for, also
   * sees what was submitted in between.
   */
  async readIncoming(layout: ProjectionLayout, neurons: Uint32Array): Promise<IncomingWeights> {
    const target = this.connectome.populations[layout.target];
    const wanted = new Uint32Array(Math.ceil(target.capacity / 32));
    for (const i of neurons) wanted[(i - target.start) >>> 5] |= 1 << ((i - target.start) & 31);
    const slots = this.connectome.populations[layout.source].capacity * layout.rowCapacity;
    const distinct = new Set(neurons).size;
    let capacity = Math.min(slots, distinct * this.inDegreeBound[layout.index]);
    for (;;) {
      this.reserve(wanted.length, 1 + 3 * capacity);
      this.run('find_incoming', [layout.index, capacity, 0], wanted, groupsOf(slots), (encoder) => encoder.clearBuffer(this.buffers.get('inspect_out')!, 0, 4));
      const [words] = await this.download([{ buffer: 'inspect_out', offset: 0, length: 1 + 3 * capacity }]);
      const found = words[0];
      if (found > capacity) {
        capacity = found;
        continue;
      }
      const entries = words.subarray(1, 1 + 3 * found);
      const slot = new Uint32Array(found);
      const post = new Uint32Array(found);
      const weightBits = new Uint32Array(found);
      for (let e = 0; e < found; e++) {
        slot[e] = entries[3 * e];
        post[e] = entries[3 * e + 1];
        weightBits[e] = entries[3 * e + 2];
      }
      return incomingWeightsOf(layout, neurons, { slot, post, weight: new Float32Array(weightBits.buffer) });
    }
  }

  /** Grows the request and result buffers to at least these sizes (doubling), binding the kernel to the new ones. */
  private reserve(inWords: number, outWords: number): void {
    let grown = false;
    for (const [name, words] of [
      ['inspect_in', inWords],
      ['inspect_out', outWords],
    ] as const) {
      const old = this.buffers.get(name)!;
      if (words * 4 <= old.size) continue;
      const size = Math.max(words, (old.size / 4) * 2);
      checkFits(this.device, [[name, size]]);
      // Reads already submitted keep the old buffer until they complete.
      old.destroy();
      this.buffers.set(name, inspectBuffer(this.device, name, size));
      grown = true;
    }
    if (grown) this.kernel = rebind(this.device, this.kernel, this.buffers);
  }

  /** Writes the request and its input, then dispatches `entry` (after `before`) in a submission of its own. */
  private run(entry: string, requestWords: [number, number, number], input: Uint32Array, groups: number, before?: (encoder: GPUCommandEncoder) => void): void {
    const { queue } = this.device;
    queue.writeBuffer(this.buffers.get('inspect_request')!, 0, Uint32Array.of(...requestWords, 0));
    queue.writeBuffer(this.buffers.get('inspect_in')!, 0, input.buffer, input.byteOffset, input.byteLength);
    const encoder = this.device.createCommandEncoder({ label: `inspect.${entry}` });
    before?.(encoder);
    const pass = encoder.beginComputePass({ label: `inspect.${entry}` });
    dispatch(pass, this.kernel, entry, 0, Math.min(groups, this.device.limits.maxComputeWorkgroupsPerDimension));
    pass.end();
    queue.submit([encoder.finish()]);
  }
}
