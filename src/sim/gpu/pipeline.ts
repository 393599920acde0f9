/**
 * Compiled kernels: a compute pipeline per entry point with an explicit
 * layout built from the kernel's binding list (kernels.ts), and the bind
 * group that ties those bindings to the engine's buffers by name.
 */
import { TICK_STRIDE, type BindingDecl } from './layout';
import { kernelBindings, kernelSource, type KernelDecl, type ShaderSources } from './kernels';

/** The engine's buffers by name. */
export type GpuBuffers = Map<string, GPUBuffer>;

export interface Kernel {
  readonly name: string;
  readonly pipelines: Record<string, GPUComputePipeline>;
  /** One bind group per step slot of a submission: slot k binds the Tick at k x TICK_STRIDE. */
  readonly bindGroups: GPUBindGroup[];
  /** The bind group layout and the bindings it was built from (rebind binds them to other buffers). */
  readonly layout: GPUBindGroupLayout;
  readonly bindings: readonly BindingDecl[];
}

function layoutEntry(b: BindingDecl, binding: number): GPUBindGroupLayoutEntry {
  return { binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: b.kind } };
}

/** Compilation errors of a shader module, one line each, with the kernel's name. */
async function compilationErrors(module: GPUShaderModule, name: string): Promise<string[]> {
  const info = await module.getCompilationInfo();
  return info.messages.filter((m) => m.type === 'error').map((m) => `${name}.wgsl:${m.lineNum}:${m.linePos}: ${m.message}`);
}

/**
 * Compiles `decl` for the network (its population and projection counts
 * size the uniform tables) and binds it to `buffers`, once per step slot. Rejects with the
 * shader's compilation errors, or the validation error, named.
 */
export async function compileKernel(
  device: GPUDevice,
  name: string,
  decl: KernelDecl,
  sources: ShaderSources,
  buffers: GpuBuffers,
  populations: number,
  projections: number,
  steps: number,
): Promise<Kernel> {
  const bindings = kernelBindings(decl, populations, projections);
  const storage = bindings.filter((b) => b.kind !== 'uniform').length;
  const limit = device.limits.maxStorageBuffersPerShaderStage;
  if (storage > limit) throw new RangeError(`WebGPU engine: kernel "${name}" binds ${storage} storage buffers; this device allows ${limit} per kernel`);
  const code = kernelSource(decl, sources, populations, projections);
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: name, code });
  const errors = await compilationErrors(module, decl.file);
  if (errors.length) {
    await device.popErrorScope();
    throw new Error(`WebGPU engine: kernel "${name}" does not compile:\n${errors.join('\n')}`);
  }
  const bindGroupLayout = device.createBindGroupLayout({ label: name, entries: bindings.map(layoutEntry) });
  const layout = device.createPipelineLayout({ label: name, bindGroupLayouts: [bindGroupLayout] });
  const pipelines: Record<string, GPUComputePipeline> = {};
  for (const entryPoint of decl.entryPoints) {
    // Synchronous creation: errors land in the scope below. (Dawn's Node binding
    // can let the process exit while an async creation is pending.)
    pipelines[entryPoint] = device.createComputePipeline({ label: `${name}.${entryPoint}`, layout, compute: { module, entryPoint } });
  }
  const bindGroups = bindGroupsFor(device, name, bindGroupLayout, bindings, buffers, steps);
  const error = await device.popErrorScope();
  if (error) throw new Error(`WebGPU engine: kernel "${name}": ${error.message}`);
  return { name, pipelines, bindGroups, layout: bindGroupLayout, bindings };
}

/** Bind groups tying `bindings` to `buffers` by name, one per step slot. */
function bindGroupsFor(device: GPUDevice, name: string, layout: GPUBindGroupLayout, bindings: readonly BindingDecl[], buffers: GpuBuffers, steps: number): GPUBindGroup[] {
  const bound = bindings.map((b) => {
    const buffer = buffers.get(b.buffer);
    if (!buffer) throw new Error(`WebGPU engine: kernel "${name}" binds buffer "${b.buffer}", which the engine does not have`);
    return buffer;
  });
  return Array.from({ length: steps }, (_, k) =>
    device.createBindGroup({
      label: `${name}[${k}]`,
      layout,
      entries: bindings.map((b, binding) => ({ binding, resource: b.perStep ? { buffer: bound[binding], offset: k * TICK_STRIDE, size: TICK_STRIDE } : { buffer: bound[binding] } })),
    }),
  );
}

/** `kernel` with its pipelines bound anew to `buffers`, e.g. after one of its buffers was replaced by a larger one. */
export function rebind(device: GPUDevice, kernel: Kernel, buffers: GpuBuffers): Kernel {
  return { ...kernel, bindGroups: bindGroupsFor(device, kernel.name, kernel.layout, kernel.bindings, buffers, kernel.bindGroups.length) };
}

/** Records one dispatch of `kernel`'s entry point for step slot `k` of the submission. */
export function dispatch(pass: GPUComputePassEncoder, kernel: Kernel, entryPoint: string, k: number, x: number, y = 1): void {
  if (x === 0 || y === 0) return;
  pass.setPipeline(kernel.pipelines[entryPoint]);
  pass.setBindGroup(0, kernel.bindGroups[k]);
  pass.dispatchWorkgroups(x, y);
}
