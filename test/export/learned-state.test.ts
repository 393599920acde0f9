import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { learnedState, learnedStateArrays } from '@/export/learned-state';
import { encodeNpy, encodeNpz } from '@/export/npz';
import { parseGenome, PRESETS, type Genome } from '@/model';
import { buildConnectome, EMPTY_SLOT } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { PYTHON, pythonHas } from './python';

const playground = (): Genome => parseGenome(PRESETS.playground.genome({ seed: 3 }));

describe('encodeNpy', () => {
  it("writes numpy's format 1.0: magic, header padded to a multiple of 64 bytes ending in a newline, then the raw little-endian values", () => {
    const bytes = encodeNpy(Float32Array.of(1.5, -2));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }");
    expect(header.endsWith('\n')).toBe(true);
    expect(Array.from(new Float32Array(bytes.slice(10 + headerLength).buffer))).toEqual([1.5, -2]);
  });

  it('refuses an array numpy has no dtype for here', () => {
    expect(() => encodeNpy(new Int8Array(2) as never)).toThrow('no numpy dtype for Int8Array');
  });
});

describe('learnedState', () => {
  it('the playground after 2 births and 0.2 s: cortex has 402 neurons; every synapse in use appears once with its weight, newborns numbered 400 and 401', async () => {
    const genome = playground();
    const connectome = buildConnectome(genome);
    const engine = new CpuEngine(connectome);
    const cortex = connectome.populations.findIndex((p) => p.name === 'cortex');
    await engine.birth(cortex);
    await engine.birth(cortex);
    // Births by rate (0.5 /s) would add one at 2 s; none comes in 0.2 s.
    engine.step(Math.round(200 / genome.dt_ms));
    expect(engine.structuralTotals().born).toBe(2);
    const snapshot = await engine.snapshot();
    const state = learnedState(genome, snapshot);
    expect(state.step).toBe(snapshot.step);
    expect(state.populations[cortex].size).toBe(402);

    const { target, weight, rowEnd } = engine.state.synapses;
    connectome.projections.forEach((block, k) => {
      const source = connectome.populations[block.source];
      const post = connectome.populations[block.target];
      const expected: string[] = [];
      for (let r = 0; r < source.capacity; r++)
        for (let s = block.slotStart + r * block.rowCapacity, end = s + rowEnd[block.rowStart + r]; s < end; s++)
          if (target[s] !== EMPTY_SLOT) expected.push(`${r} ${target[s] - post.start} ${weight[s]}`);
      // Births fill a pool in order, so the alive numbering is the index within the population.
      const got = Array.from(state.projections[k].i, (i, n) => `${i} ${state.projections[k].j[n]} ${state.projections[k].weight[n]}`);
      expect(got, block.name).toEqual(expected);
    });
    const intoCortex = state.projections.filter((_, k) => connectome.projections[k].target === cortex);
    expect(intoCortex.some((p) => Array.from(p.j).some((j) => j >= 400)), 'a newborn has inputs').toBe(true);
  });

  it('refuses a snapshot of another network, naming both sizes', async () => {
    const engine = new CpuEngine(buildConnectome(playground()));
    const cuba = parseGenome(PRESETS.cuba.genome({ neurons: 100, seed: 1 }));
    await expect(engine.snapshot().then((s) => learnedState(cuba, s))).rejects.toThrow(/the snapshot is not of this network: \d+ neurons and \d+ synapse slots, the genome has 100 and \d+/);
  });
});

describe('encodeNpz', () => {
  it('a zip of one .npy per array, named as the scripts read them', async () => {
    const genome = playground();
    const engine = new CpuEngine(buildConnectome(genome));
    const arrays = learnedStateArrays(learnedState(genome, await engine.snapshot()));
    const names = Object.keys(unzipSync(encodeNpz(arrays))).sort();
    expect(names).toEqual(Object.keys(arrays).map((name) => `${name}.npy`).sort());
    expect(names).toContain('projection0_w.npy');
    expect(names).toContain('population3_v.npy');
  });

  it.skipIf(!pythonHas('numpy'))('numpy.load reads back every dtype exactly: f4, f8, i4, u4, u2, u1, and an empty array', () => {
    const arrays = {
      f4: Float32Array.of(0.1, -3.5e-8, 1e30),
      f8: Float64Array.of(Math.PI, -0),
      i4: Int32Array.of(-2147483648, 7),
      u4: Uint32Array.of(4294967295, 0),
      u2: Uint16Array.of(65535, 1),
      u1: Uint8Array.of(255, 0, 3),
      empty: new Float32Array(0),
    };
    const file = join(mkdtempSync(join(tmpdir(), 'neuroplay-npz-')), 'a.npz');
    writeFileSync(file, encodeNpz(arrays));
    const printed = execFileSync(PYTHON, ['-c', `import json, numpy as np; d = np.load(${JSON.stringify(file)}); print(json.dumps({k: [str(d[k].dtype), d[k].tolist()] for k in d.files}))`], { encoding: 'utf8' });
    const read = JSON.parse(printed) as Record<string, [string, number[]]>;
    expect(Object.fromEntries(Object.entries(read).map(([k, [dtype]]) => [k, dtype]))).toEqual({ f4: 'float32', f8: 'float64', i4: 'int32', u4: 'uint32', u2: 'uint16', u1: 'uint8', empty: 'float32' });
    for (const [name, values] of Object.entries(arrays)) expect(read[name][1], name).toEqual(Array.from(values));
  });
});
