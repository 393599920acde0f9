/**
 * The layout is declared once (src/sim/gpu/layout.ts) and generated into
 * every kernel; these tests hold the two sides together: shader files
 * declare no bindings of their own, and a kernel reading every field of the
 * generated structs gets back exactly the words packStructs wrote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META, POPULATION, PROJECTION, packStructs, structWords, wgslDeclarations, type StructDecl } from '@/sim/gpu/layout';
import { SHADER_FILES } from '@/sim/gpu/kernels';
import { device } from './harness';

const shaderDir = join(__dirname, '../../../shaders');

describe('shader files', () => {
  it('are exactly the files kernels.ts knows, and none declares a binding (bindings come from kernels.ts)', () => {
    const files = readdirSync(shaderDir).filter((f) => f.endsWith('.wgsl')).map((f) => f.replace(/\.wgsl$/, '')).sort();
    expect(files).toEqual([...SHADER_FILES].sort());
    for (const file of files) expect(readFileSync(join(shaderDir, `${file}.wgsl`), 'utf8'), file).not.toMatch(/@(group|binding)\s*\(/);
  });
});

/** A value per field that differs from every other field's: k + 0.5 for f32, 1000 + k for integers. */
function sample(decl: StructDecl): Record<string, number> {
  return Object.fromEntries(decl.fields.map(([name, type], k) => [name, type === 'f32' ? k + 0.5 : type === 'i32' ? -(1000 + k) : 1000 + k]));
}

describe.skipIf(!device)('generated structs on the device', () => {
  it.each([META, POPULATION, PROJECTION])('$name: a kernel reads back every field as packStructs laid it out', async (decl) => {
    const words = structWords(decl);
    const packed = packStructs(decl, [sample(decl)]);
    const reads = decl.fields.map(([name, type], k) => `out[${k}] = ${type === 'u32' ? '' : 'bitcast<u32>'}(value.${name});`).join('\n  ');
    const code = `${wgslDeclarations()}
@group(0) @binding(0) var<uniform> value: ${decl.name};
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() {
  ${reads}
}`;
    const gpu = device!;
    const module = gpu.createShaderModule({ code });
    const pipeline = gpu.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const uniform = gpu.createBuffer({ size: words * 4, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const out = gpu.createBuffer({ size: words * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const staging = gpu.createBuffer({ size: words * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    gpu.queue.writeBuffer(uniform, 0, packed);
    const encoder = gpu.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, gpu.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: out } }] }));
    pass.dispatchWorkgroups(1);
    pass.end();
    encoder.copyBufferToBuffer(out, 0, staging, 0, words * 4);
    gpu.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const read = new Uint32Array(staging.getMappedRange().slice(0)).subarray(0, decl.fields.length);
    staging.destroy();
    expect(Array.from(read)).toEqual(Array.from(new Uint32Array(packed).subarray(0, decl.fields.length)));
  });
});
