import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESETS, validateExperiment, type GenomeInput, type ValidatedExperiment } from '@/model';
import { pruningGenome } from '@/model/presets/pruning';
import { buildConnectome, decodeStateFile, encodeStateFile, MAX_STATE_FILE_BYTES, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

function experimentOf(genome: GenomeInput, bindings: ValidatedExperiment['bindings'] = []): ValidatedExperiment {
  const result = validateExperiment({ genome, bindings });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.experiment;
}

const meta = { savedAt: '2025-01-02T03:04:05.000Z', name: 'after the first lesson' };

/** The file's layout written out again by hand (format, header, arrays, SHA-256, gzip): the format as a reader outside Neuroplay would see it. */
function pack(header: unknown, arrays: Uint8Array, format = 1): Uint8Array {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const headerBytes = Math.ceil((12 + json.length) / 8) * 8 - 12;
  const body = Buffer.concat([Buffer.from('NPLY'), u32(format), u32(headerBytes), json, Buffer.alloc(headerBytes - json.length, ' '), arrays]);
  return gzipSync(Buffer.concat([body, createHash('sha256').update(body).digest()]));
}

/** The header and the arrays of a file, for a test to change and `pack` again. */
function unpack(file: Uint8Array): { header: Record<string, unknown> & { arrays: { name: string; type: string; length: number; offset: number }[] }; arrays: Uint8Array } {
  const inner = Buffer.from(gunzipSync(file));
  expect(inner.subarray(0, 4).toString()).toBe('NPLY');
  const headerBytes = inner.readUInt32LE(8);
  return { header: JSON.parse(inner.subarray(12, 12 + headerBytes).toString()), arrays: inner.subarray(12 + headerBytes, inner.length - 32) };
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** What `run` gives and the CPU time it took, ms (user + system: unlike wall time, not stretched by other processes on a loaded machine). */
async function cpuMs<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}

async function messageOf(bytes: Uint8Array): Promise<string> {
  const decoded = await decodeStateFile(bytes);
  if (decoded.ok) throw new Error('expected the file to be refused');
  return decoded.message;
}

/** A pruning network 300 steps in (dt 0.5 ms: 150 ms): small and plastic. */
async function pruningFile(): Promise<{ experiment: ValidatedExperiment; snapshot: EngineSnapshot; file: Uint8Array }> {
  const experiment = experimentOf(pruningGenome(3, 'prune'));
  const engine = new CpuEngine(buildConnectome(experiment.genome));
  engine.setInputRates(0, 40);
  engine.step(300);
  const snapshot = await engine.snapshot();
  return { experiment, snapshot, file: await encodeStateFile({ experiment, snapshot, meta }) };
}

/**
 * The playground 1,200 steps (120 ms) in, its snapshot and its file, made
 * once for the tests below: growing and stepping it is most of this file's time.
 */
const savedPlayground = (() => {
  let saved: Promise<{ experiment: ValidatedExperiment; engine: CpuEngine; snapshot: EngineSnapshot; file: Uint8Array }> | undefined;
  return () =>
    (saved ??= (async () => {
      const bindings = [{ sensor: 'retina', drawing: [[{ x: 0.2, y: 0.2 }, { x: 0.8, y: 0.8 }]] }, { sensor: 'cochlea', stimulus: 'tone-1000' }];
      const experiment = experimentOf(PRESETS.playground.genome({ seed: 5 }), bindings);
      const engine = new CpuEngine(buildConnectome(experiment.genome));
      // The cochlea at 100 Hz and a dopamine pulse: STDP, eligibility and growth all have something to do.
      engine.setInputRates(1, 100);
      engine.pulseModulator('dopamine', 0.5);
      engine.step(1200);
      await engine.readFrame();
      const snapshot = await engine.snapshot();
      return { experiment, engine, snapshot, file: await encodeStateFile({ experiment, snapshot, meta }) };
    })());
})();

describe('state file round trip', () => {
  // Steps of 0.1 ms: the structural periods (100 ms) at steps 1,000 and 2,000 fall on either side of the save.
  it('resumes the playground exactly: 1,200 steps, save, open, 1,200 more = the same engine run on (spikes, weights, growth)', async () => {
    const { experiment, engine, file } = await savedPlayground();
    const grownAtSave = engine.structuralTotals().grown;
    const opened = await decodeStateFile(file);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.experiment).toEqual(experiment);
    expect(opened.meta).toEqual(meta);
    const resumed = new CpuEngine(buildConnectome(opened.experiment.genome));
    await resumed.restore(opened.snapshot);
    resumed.step(1200);
    engine.step(1200);
    const [frame, expected] = [await resumed.readFrame(), await engine.readFrame()];

    expect(expected.spikeNeuron.length).toBeGreaterThan(500);
    expect(frame.stepStart).toBe(1200);
    expect(frame.spikeStep).toEqual(expected.spikeStep);
    expect(frame.spikeNeuron).toEqual(expected.spikeNeuron);
    expect(resumed.state.synapses.weight).toEqual(engine.state.synapses.weight);
    expect(resumed.structuralTotals()).toEqual(engine.structuralTotals());
    expect(grownAtSave).toBeGreaterThan(0);
    expect(resumed.structuralTotals().grown).toBeGreaterThan(grownAtSave);
  });

  it('gives back every array bit for bit, the step and the meta; the same state always packs to the same bytes, laid out as documented', async () => {
    const { experiment, snapshot, file } = await pruningFile();
    const opened = await decodeStateFile(file);
    expect(opened).toEqual({ ok: true, experiment, snapshot, meta });
    expect(await encodeStateFile({ experiment, snapshot, meta })).toEqual(file);
    // The layout of the file's head comment, written out by hand, gives the same bytes.
    const { header, arrays } = unpack(file);
    expect(gunzipSync(pack(header, arrays))).toEqual(gunzipSync(file));
    expect(header.arrays.every((a) => a.offset % 8 === 0)).toBe(true);
  });

  // Measured (arrays -> file): the playground here 2,577,696 -> 365,645 bytes (7.0x); presets idle for 100 ms: playground -> 325,433 (7.9x),
  // CUBA 6,580,040 -> 795,338 (8.3x), balanced 3,149,828 -> 539,527 (5.8x), digits 1,577,884 -> 506,139 (3.1x), pruning 9,036 -> 3,029 (3.0x).
  it('packs the playground state 5 to 10 times smaller than its arrays (2,577,696 bytes)', async () => {
    const { snapshot, file } = await savedPlayground();
    const raw = Object.values(snapshot.arrays).reduce((sum, a) => sum + a.byteLength, 0);
    expect(raw).toBe(2_577_696);
    expect(raw / file.length).toBeGreaterThan(5);
    expect(raw / file.length).toBeLessThan(10);
  });
});

describe('state files that are refused', () => {
  it('says what a file that is not one is: not gzip, gzip of something else, over 512 MiB', async () => {
    expect(await messageOf(new Uint8Array(0))).toBe('This is not a Neuroplay state file (it is not gzip-compressed).');
    expect(await messageOf(Buffer.from('{"genome": {}}'))).toBe('This is not a Neuroplay state file (it is not gzip-compressed).');
    expect(await messageOf(gzipSync(Buffer.from('PK\x03\x04 a zip file, say')))).toBe('This is not a Neuroplay state file (it does not begin with NPLY).');
    // Allocated lazily: the pages are never touched.
    expect(await messageOf(new Uint8Array(MAX_STATE_FILE_BYTES + 1))).toBe('This file is 512.1 MiB, more than a state file may be (512.0 MiB).');
  });

  it('refuses by the gzip trailer, before unpacking, a file that says it unpacks to 600 MiB, and stops one that lies', async () => {
    const { file } = await pruningFile();
    const claims = (size: number) => {
      const copy = file.slice();
      new DataView(copy.buffer).setUint32(copy.length - 4, size, true);
      return copy;
    };
    expect(await messageOf(claims(600 * 2 ** 20))).toBe('This file unpacks to 600.0 MiB, more than a state file may hold (512.0 MiB).');
    expect(await messageOf(claims(1000))).toBe('This file is damaged: it unpacks to a different size than it says.');
    // Cut short, the trailer is whatever bytes end up last.
    expect(await messageOf(file.subarray(0, file.length - 100))).toMatch(/^This file (is damaged: it does not unpack \(.+\)|is damaged: it unpacks to a different size than it says|unpacks to [\d.]+ MiB, more than a state file may hold \(512\.0 MiB\))\.$/);
  });

  it('says a file of format 2 was made by a newer version', async () => {
    const { file } = await pruningFile();
    const { header, arrays } = unpack(file);
    expect(await messageOf(pack(header, arrays, 2))).toBe('This file was made by a newer version of Neuroplay (state file format 2; this page reads 1).');
    expect(await messageOf(pack(header, arrays, 0))).toBe('This file has state file format 0, which Neuroplay never wrote (this page reads 1).');
  });

  it('checks the SHA-256 before reading the header: one flipped bit in the weights is caught', async () => {
    const { file } = await pruningFile();
    const inner = gunzipSync(file);
    inner[inner.length - 100] ^= 1;
    expect(await messageOf(gzipSync(inner))).toBe('This file is damaged: its checksum does not match its contents.');
    const tooLong = gunzipSync(file);
    new DataView(tooLong.buffer).setUint32(8, 5 * 2 ** 20, true);
    expect(await messageOf(gzipSync(tooLong))).toBe("This file's header is 5.0 MiB, more than a state file's may be (4.0 MiB).");
    const pastEnd = gunzipSync(file);
    new DataView(pastEnd.buffer).setUint32(8, pastEnd.length, true);
    expect(await messageOf(gzipSync(pastEnd))).toBe('This file is damaged: its header runs past its end.');
  });

  it('names what is wrong with a header: not JSON, a wrong field, an array twice or past the end', async () => {
    const { file } = await pruningFile();
    const { header, arrays } = unpack(file);
    expect(await messageOf(pack('{"experiment":', arrays))).toMatch(/^This file's header is not JSON \(.+\)\.$/);
    expect(await messageOf(pack({ ...header, step: -1 }, arrays))).toBe("This file's header is not valid:\nstep: Too small: expected number to be >=0");
    expect(await messageOf(pack({ ...header, arrays: [{ ...header.arrays[0], type: 'f64' }] }, arrays))).toMatch(/^This file's header is not valid:\narrays\[0\]\.type: /);
    expect(await messageOf(pack({ ...header, arrays: [...header.arrays, header.arrays[0]] }, arrays))).toBe('This file is damaged: it has the array "v" twice.');
    const last = header.arrays[header.arrays.length - 1];
    expect(await messageOf(pack({ ...header, arrays: [...header.arrays.slice(0, -1), { ...last, length: last.length + 1 }] }, arrays))).toBe(
      `This file is damaged: the array "${last.name}" runs past its end.`,
    );
  });

  it("refuses an invalid experiment with validateExperiment's messages", async () => {
    const { file, experiment } = await pruningFile();
    const { header, arrays } = unpack(file);
    const bad = { ...header, experiment: { genome: { ...experiment.genome, dt_ms: 'NaN' }, bindings: [{ sensor: 'retina', stimulus: 'noise' }] } };
    expect(await messageOf(pack(bad, arrays))).toBe("This file's experiment is not valid:\ngenome.dt_ms: must be a finite number");
  });

  it('refuses arrays that do not fit the genome: another network, a missing eligibility, an array named "constructor"', async () => {
    const { file, experiment } = await pruningFile();
    const { header, arrays } = unpack(file);
    const other = { ...header, experiment: { genome: PRESETS.conditioning.genome({}), bindings: [] } };
    expect(await messageOf(pack(other, arrays))).toBe("This file's state does not fit its experiment: the genome has 140 neurons and 2440 synapse slots, the state 48 and 328.");
    // The same neurons and slots, but a modulated rule keeps an eligibility per slot.
    const modulated = structuredClone(experiment.genome);
    modulated.projections[0].plasticity = { ...modulated.projections[0].plasticity!, modulation: { modulator: 'dopamine', tau_eligibility_ms: 1000, learning_rate: 0.01 } } as never;
    expect(await messageOf(pack({ ...header, experiment: { genome: modulated, bindings: [] } }, arrays))).toBe(
      'This file\'s state does not fit its experiment: array "eligibility" has length 0, expected 328.',
    );
    const extra = { ...header, arrays: [...header.arrays, { name: 'constructor', type: 'u8', length: 0, offset: 0 }] };
    expect(await messageOf(pack(extra, arrays))).toBe('This file\'s state does not fit its experiment: array "constructor" is not part of this engine\'s state.');
  });

  it('does not build the network of a genome over the limits, nor of one far bigger than its arrays (2,000,000 neurons, 200,000,000 slots): < 100 ms of CPU each, where building takes seconds and gigabytes', async () => {
    const { file } = await pruningFile();
    const { header, arrays } = unpack(file);
    const population = (name: string, size: number) => ({ name, size, neuron: { model: 'lif' }, sign: 'excitatory' });
    const genome = (size: number, rowCapacity: number) => ({
      format: 'neuroplay-genome',
      version: 1,
      seed: 1,
      populations: [population('a', size), population('b', size)],
      projections: [{ source: 'a', target: 'b', connectivity: { kind: 'fixed_indegree', k: 100 }, weight: { kind: 'constant', value: 1 }, row_capacity: rowCapacity }],
    });
    const over = pack({ ...header, experiment: { genome: genome(1_500_000, 100), bindings: [] } }, arrays);
    const { result, ms } = await cpuMs(() => messageOf(over));
    expect(result).toBe("This file's experiment is not valid:\ngenome.populations: 3,000,000 neurons in all exceed the limit 2,000,000");
    expect(ms).toBeLessThan(100);
    const within = pack({ ...header, experiment: { genome: genome(1_000_000, 200), bindings: [] } }, arrays);
    const refused = await cpuMs(() => messageOf(within));
    expect(refused.result).toBe("This file's state does not fit its experiment: the genome has 2000000 neurons and 200000000 synapse slots, the state 48 and 328.");
    expect(refused.ms).toBeLessThan(100);
  });

  it("builds within the caller's budget (the browser passes BROWSER_BUDGET)", async () => {
    const { file } = await pruningFile();
    const decoded = await decodeStateFile(file, { budget: { maxNeurons: 40 } });
    expect(decoded).toEqual({ ok: false, message: 'The network of this file could not be built:\npopulations: 48 neurons in all exceed the build budget of 40' });
  });
});

describe('state files under fuzz', () => {
  const RUNS = 500;
  /** Bound on one case, ms of CPU (the less of two decodes: collecting the generators' garbage is not the decoder's). Slowest measured: 8 ms (a hostile header); most under 1 ms. */
  const MAX_CASE_MS = 200;

  /** Decodes `bytes` twice and checks the answer: refused in words, or a state that restores into the network it names; within MAX_CASE_MS. */
  async function check(bytes: Uint8Array): Promise<void> {
    const t0 = process.cpuUsage();
    const decoded = await decodeStateFile(bytes);
    const t1 = process.cpuUsage();
    await decodeStateFile(bytes);
    const t2 = process.cpuUsage();
    const ms = Math.min(t1.user - t0.user + t1.system - t0.system, t2.user - t1.user + t2.system - t1.system) / 1000;
    if (decoded.ok) await new CpuEngine(buildConnectome(decoded.experiment.genome)).restore(decoded.snapshot);
    else {
      expect(decoded.message.length).toBeGreaterThan(0);
      expect(decoded.message).not.toMatch(/^This file could not be read/);
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(ms).toBeLessThan(MAX_CASE_MS);
  }

  /** Runs RUNS cases of `arbitrary` through `check`; returns how many ran. */
  async function fuzz(arbitrary: fc.Arbitrary<Uint8Array>): Promise<number> {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (bytes) => {
        cases++;
        await check(bytes);
      }),
      { numRuns: RUNS },
    );
    return cases;
  }

  it(`answers ${RUNS} random byte strings: raw, gzipped, and gzipped behind NPLY and format 1`, async () => {
    const bytes = fc.uint8Array({ maxLength: 4096 });
    const cases = await fuzz(
      fc.oneof(
        bytes,
        bytes.map((b) => gzipSync(b)),
        bytes.map((b) => gzipSync(Buffer.concat([Buffer.from('NPLY'), u32(1), b]))),
      ),
    );
    expect(cases).toBe(RUNS);
  });

  it(`answers ${RUNS} truncations and bit flips of a pruning file, packed or unpacked (then re-gzipped, checksum stale)`, async () => {
    const { file } = await pruningFile();
    const inner = gunzipSync(file);
    const cases = await fuzz(
      fc.record({ at: fc.nat(), bit: fc.nat({ max: 7 }), how: fc.constantFrom('cut', 'flip', 'flip inside', 'cut inside') }).map(({ at, bit, how }) => {
        switch (how) {
          case 'cut':
            return file.subarray(0, at % file.length);
          case 'flip': {
            const copy = file.slice();
            copy[at % copy.length] ^= 1 << bit;
            return copy;
          }
          case 'flip inside': {
            const copy = inner.slice();
            copy[at % copy.length] ^= 1 << bit;
            return gzipSync(copy);
          }
          case 'cut inside':
            return gzipSync(inner.subarray(0, at % inner.length));
        }
      }),
    );
    expect(cases).toBe(RUNS);
  });

  it(`answers ${RUNS} hostile headers with a valid checksum: one value of the header, manifest or genome replaced, or a key added`, async () => {
    const { file } = await pruningFile();
    const { header, arrays } = unpack(file);
    const paths = (value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) => {
      out.push(at);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
      return out;
    };
    const all = paths(header).filter((p) => p.length > 0);
    const hostile = fc.oneof(
      fc.constantFrom<unknown>('NaN', '1e999', -1, 0, 1, 3, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 0.5, null, true, '', {}, [], 'f64', 'u8', 'v', 'target', '__proto__', 'constructor'),
      fc.jsonValue({ maxDepth: 3 }),
      fc.integer({ min: 0, max: 100_000 }).map((n) => new Array<number>(n).fill(0)),
    );
    const cases = await fuzz(
      fc.record({ pick: fc.nat(), value: hostile, key: fc.option(fc.constantFrom('__proto__', 'constructor', 'extra'), { nil: undefined }), deep: fc.nat({ max: 9 }).map((n) => n === 0) }).map(({ pick, value, key, deep }) => {
        const tree = structuredClone(header) as Record<string | number, unknown>;
        const path = all[pick % all.length];
        let parent = tree;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        const child = parent[last];
        if (key !== undefined && child && typeof child === 'object') Object.defineProperty(child, key, { value: key === '__proto__' ? { polluted: true } : value, enumerable: true });
        else parent[last] = deep ? '@deep' : value;
        return pack(JSON.stringify(tree).replace('"@deep"', '['.repeat(50_000) + ']'.repeat(50_000)), arrays);
      }),
    );
    expect(cases).toBe(RUNS);
  });
});
