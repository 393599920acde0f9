/**
 * The compute kernels: which shader file each stage runs, what it includes
 * and binds. A kernel's WGSL is the generated declarations (layout.ts), its
 * bindings, shaders/common.wgsl, its includes and its own file, in that
 * order; its pipeline layout is built from the same binding list.
 */
import { commonBindings, wgslBindings, wgslDeclarations, type BindingDecl } from './layout';

/** Every file under shaders/, by name without `.wgsl`. */
export const SHADER_FILES = ['common', 'rows', 'columns', 'emit', 'inputs', 'integrate', 'propagate', 'plasticity', 'modulation', 'homeostasis', 'doubles', 'structure', 'structure-edits', 'structure-globals', 'record', 'inspect'] as const;
export type ShaderFile = (typeof SHADER_FILES)[number];

/** The text of each shader file: read from disk in Node, bundled by Vite in the browser. */
export type ShaderSources = Record<ShaderFile, string>;

export interface KernelDecl {
  file: ShaderFile;
  includes?: readonly ShaderFile[];
  /** The kernel's own bindings, after the common ones. */
  bindings: readonly BindingDecl[];
  /** Entry points compiled from the file, each a pipeline. */
  entryPoints: readonly string[];
}

/** Shorthand for a kernel's storage bindings, read-write and read-only. */
export const rw = (buffer: string, type: string): BindingDecl => ({ buffer, kind: 'storage', type });
export const ro = (buffer: string, type: string): BindingDecl => ({ buffer, kind: 'read-only-storage', type });

export const KERNELS = {
  inputs: {
    file: 'inputs',
    includes: ['emit'],
    bindings: [rw('neurons', 'array<u32>'), rw('spikes', 'array<atomic<u32>>')],
    entryPoints: ['main'],
  },
  integrate: {
    file: 'integrate',
    includes: ['emit'],
    bindings: [rw('neurons', 'array<u32>'), rw('spikes', 'array<atomic<u32>>'), rw('ring', 'array<i32>')],
    entryPoints: ['main'],
  },
  propagate: {
    file: 'propagate',
    includes: ['rows'],
    bindings: [
      ro('spikes', 'array<u32>'),
      { ...ro('target', 'array<u32>'), as: 'post_of' },
      ro('weight', 'array<f32>'),
      ro('delay', 'array<u32>'),
      ro('row_end', 'array<u32>'),
      rw('ring', 'array<atomic<i32>>'),
      rw('counters', 'array<atomic<u32>>'),
    ],
    entryPoints: ['main'],
  },
  record: {
    file: 'record',
    bindings: [ro('spikes', 'array<u32>'), rw('neurons', 'array<u32>'), rw('counters', 'array<atomic<u32>>'), rw('raster', 'array<atomic<u32>>'), rw('probe_v', 'array<f32>')],
    entryPoints: ['main'],
  },
} as const satisfies Record<string, KernelDecl>;

export type KernelName = keyof typeof KERNELS;

/** Bindings of a kernel in binding order: the common ones, then its own. */
export function kernelBindings(decl: KernelDecl, populations: number, projections: number): BindingDecl[] {
  return [...commonBindings(populations, projections), ...decl.bindings];
}

/** The complete WGSL of a kernel for a network of `populations` and `projections`. */
export function kernelSource(decl: KernelDecl, sources: ShaderSources, populations: number, projections: number): string {
  const parts = [
    wgslDeclarations(),
    wgslBindings(kernelBindings(decl, populations, projections)),
    sources.common,
    ...(decl.includes ?? []).map((file) => sources[file]),
    sources[decl.file],
  ];
  return parts.join('\n');
}

/** Checks that every shader file is there and not empty, naming the missing ones. */
export function checkShaderSources(sources: Partial<Record<string, string>>): ShaderSources {
  const missing = SHADER_FILES.filter((file) => typeof sources[file] !== 'string' || sources[file]!.length === 0);
  if (missing.length) throw new Error(`WebGPU engine: shader files missing: ${missing.map((f) => `shaders/${f}.wgsl`).join(', ')}`);
  return sources as ShaderSources;
}
