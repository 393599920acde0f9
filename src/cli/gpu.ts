/**
 * WebGPU in Node: Dawn through the npm package `webgpu`, on whatever Vulkan
 * driver the machine has; with no GPU, SwiftShader from Debian's chromium
 * package (../shared/WEBGPU.md). Also the shader files, read from shaders/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SHADER_FILES, type ShaderSources } from '@/sim/gpu/kernels';
import { describeAdapter, requestEngineDevice } from '@/sim/gpu/device';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const SHADER_DIR = fileURLToPath(new URL('../../shaders/', import.meta.url));

export function readShaderSources(dir = SHADER_DIR): ShaderSources {
  return Object.fromEntries(SHADER_FILES.map((file) => [file, readFileSync(`${dir}${file}.wgsl`, 'utf8')])) as ShaderSources;
}

/** Dawn's instance: it must outlive every device made from it (collected, it takes them down), so it is held here for the process. */
let instance: GPU | undefined;

export interface NodeGpu {
  device: GPUDevice;
  /** The adapter in words, e.g. "google swiftshader (...), software fallback". */
  adapter: string;
  isFallback: boolean;
}

/**
 * A device from the best adapter Dawn finds, or undefined (with the reason)
 * when there is none. With no Vulkan driver configured, SwiftShader is used
 * where chromium installed it.
 */
export async function nodeGpu(): Promise<NodeGpu | { unavailable: string }> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD) && !existsSync('/dev/nvidia0')) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await import('webgpu');
  } catch (error) {
    return { unavailable: `the npm package "webgpu" does not load: ${(error as Error).message}` };
  }
  Object.assign(globalThis, webgpu.globals);
  instance ??= webgpu.create([]);
  const adapter = await instance.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { unavailable: 'no WebGPU adapter (no Vulkan driver: install libvulkan1 and chromium for SwiftShader)' };
  const device = await requestEngineDevice(adapter, 'neuroplay (node)');
  return { device, adapter: describeAdapter(adapter), isFallback: adapter.info.isFallbackAdapter };
}
