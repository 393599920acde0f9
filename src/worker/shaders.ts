/** The shader files (shaders/*.wgsl) as Vite bundles them into the worker, by the names the WebGPU engine asks for. */
import { SHADER_FILES, type ShaderFile } from '@/sim/gpu/kernels';

const files = import.meta.glob<string>('../../shaders/*.wgsl', { query: '?raw', import: 'default', eager: true });

/** Missing files are left out: the engine refuses to build without them and names them. */
export const SHADER_SOURCES: Partial<Record<ShaderFile, string>> = Object.fromEntries(
  SHADER_FILES.flatMap((file) => {
    const text = files[`../../shaders/${file}.wgsl`];
    return text === undefined ? [] : [[file, text]];
  }),
);
