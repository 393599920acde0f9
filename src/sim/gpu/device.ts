/**
 * The device the engine asks for: the adapter's own limits for what bounds
 * network size (array bytes, workgroups), not the defaults, which would cap
 * a network at 128 MiB per array; and the check that an array fits them.
 * Storage buffers per kernel keep WebGPU's default, 8, which every adapter
 * offers: no kernel binds more (tests hold the engine to it).
 */

/** Limits raised to the adapter's. */
const RAISED_LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupsPerDimension'] as const;

export async function requestEngineDevice(adapter: GPUAdapter, label = 'neuroplay'): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  return adapter.requestDevice({ label, requiredLimits });
}

/** A one-line description of the adapter, e.g. "nvidia ampere (NVIDIA H100)" or "google swiftshader (fallback)". */
export function describeAdapter(adapter: GPUAdapter): string {
  const { vendor, architecture, device, description } = adapter.info;
  const name = [vendor, architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const detail = description || device;
  return `${name}${detail ? ` (${detail})` : ''}${adapter.info.isFallbackAdapter ? ', software fallback' : ''}`;
}

/** Refuses a network whose arrays exceed what the device can bind, naming the array and the limit. */
export function checkFits(device: Pick<GPUDevice, 'limits'>, sizes: readonly [string, number][]): void {
  const { maxStorageBufferBindingSize, maxBufferSize } = device.limits;
  const limit = Math.min(maxStorageBufferBindingSize, maxBufferSize);
  const over = sizes.filter(([, words]) => words * 4 > limit);
  if (over.length)
    throw new RangeError(
      `WebGPU engine: the network is too big for this device: ${over.map(([name, words]) => `${name} needs ${(words * 4) / 2 ** 20} MiB`).join(', ')}; ` +
        `the device binds at most ${limit / 2 ** 20} MiB per array. Use fewer neurons or synapses, or the CPU engine.`,
    );
}
