import { deflateSync, Gunzip, gzipSync, Inflate, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeShareHash,
  encodeShareHash,
  MAX_LINK_JSON_BYTES,
  parseGenome,
  presetHash,
  PRESETS,
  shareUrl,
  validateExperiment,
  unpackWithin,
  type GenomeInput,
  type ValidatedExperiment,
} from '@/model';

/** A validated experiment, or the test fails naming why. */
function experimentOf(genome: GenomeInput, bindings: ValidatedExperiment['bindings'] = []): ValidatedExperiment {
  const result = validateExperiment({ genome, bindings });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.experiment;
}

/** A link carrying any text as its JSON, packed as the page packs it. */
const linkOf = (json: string | Uint8Array) => `#x=1.${Buffer.from(deflateSync(typeof json === 'string' ? new TextEncoder().encode(json) : json, { level: 9 })).toString('base64url')}`;

/** What `run` gives and the CPU time it took, ms (user + system: unlike wall time, not stretched by other processes on a loaded machine). */
function cpuMs<T>(run: () => T): { result: T; ms: number } {
  const start = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** The message of a link that must fail. */
function messageOf(hash: string): string {
  const decoded = decodeShareHash(hash);
  if (decoded.kind !== 'error') throw new Error(`expected an error, got ${decoded.kind}`);
  return decoded.message;
}

const presetLinks = Object.values(PRESETS).map((preset) => {
  const experiment = experimentOf(preset.genome({}));
  return { name: preset.name, experiment, hash: encodeShareHash(experiment), jsonBytes: JSON.stringify(experiment).length };
});
const lengths = presetLinks.map((l) => `${l.name} ${l.hash.length}`).join(', ');

describe('share link round trips', () => {
  // Measured: playground 1417, balanced 820, cuba 777, digits 1160, conditioning 1212, punishment 1068, novelty 1225, deprivation 1059, pruning 1055.
  it(`carries every preset within 2,000 characters, the shortest cut of sharing tools (${lengths})`, () => {
    for (const { hash } of presetLinks) expect(hash.length).toBeLessThanOrEqual(2000);
  });

  it('gives back every preset exactly: genome -> hash -> genome deep-equal after the schema fills the defaults', () => {
    for (const { name, experiment, hash } of presetLinks) {
      const decoded = decodeShareHash(hash);
      expect(decoded, name).toEqual({ kind: 'experiment', experiment });
      expect(decoded.kind === 'experiment' && decoded.experiment.genome).toEqual(parseGenome(PRESETS[name].genome({})));
    }
  });

  it('packs the canonical JSON with deflate-raw level 9 and unpadded base64url (Node Buffer agrees)', () => {
    const { experiment, hash } = presetLinks[0];
    const payload = hash.slice('#x=1.'.length);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(hash).toBe(linkOf(JSON.stringify(experiment)));
    expect(JSON.parse(new TextDecoder().decode(inflateSync(Buffer.from(payload, 'base64url'))))).toEqual(experiment);
  });

  it('reads -0 as 0 (JSON writes both as 0), so a link with a bias of -0 links back to itself (a bit flip the fuzz suite found)', () => {
    const experiment = experimentOf(PRESETS.cuba.genome({}));
    const json = JSON.stringify(experiment).replace('"i_bias_mV":0', '"i_bias_mV":-0');
    expect(json).toContain('"i_bias_mV":-0');
    const decoded = decodeShareHash(linkOf(json));
    if (decoded.kind !== 'experiment') throw new Error(`decoded to ${decoded.kind}`);
    expect(decodeShareHash(encodeShareHash(decoded.experiment))).toEqual(decoded);
  });

  it('carries bindings and drawings exactly, down to the last bit of each coordinate', () => {
    const bindings = [
      { sensor: 'retina', drawing: [[{ x: 0.1 + 0.2, y: 1 / 3 }, { x: 0, y: 1 }], [{ x: Number.MIN_VALUE, y: 1 - Number.EPSILON }]] },
      { sensor: 'cochlea', stimulus: 'tone-1000' },
      { sensor: 'touch', stimulus: 'touch-2' },
    ];
    const experiment = experimentOf(PRESETS.playground.genome({ seed: 9 }), bindings);
    expect(decodeShareHash(encodeShareHash(experiment))).toEqual({ kind: 'experiment', experiment });
  });

  it('puts the hash on a base URL, replacing any hash it had', () => {
    const { experiment, hash } = presetLinks[1];
    expect(shareUrl('https://neuroplay.example/app/?lang=en#preset=cuba', experiment)).toBe(`https://neuroplay.example/app/?lang=en${hash}`);
    expect(shareUrl('http://localhost:5173/', experiment)).toBe(`http://localhost:5173/${hash}`);
  });

  it('measures the largest genome by count (64 populations, 256 plastic projections, 64 sensors): 171,592 bytes of JSON (a sixth of MAX_LINK_JSON_BYTES) in a 4,968-character link', () => {
    const pop = (i: number) =>
      i < 32
        ? { name: `source_${i}`, size: 10, neuron: { model: 'spike_source' as const }, sign: 'excitatory' as const, role: 'sensor' as const }
        : { name: `cell_${i}`, size: 10, neuron: { model: 'lif' as const }, sign: 'excitatory' as const };
    const populations = Array.from({ length: 64 }, (_, i) => pop(i));
    const projections = Array.from({ length: 256 }, (_, k) => ({
      source: populations[k % 64].name,
      target: populations[32 + ((k * 7 + Math.floor(k / 64)) % 32)].name,
      connectivity: { kind: 'probability' as const, p: 0.5 },
      weight: { kind: 'uniform' as const, min: 0, max: 0.5 },
      plasticity: { rule: 'stdp' as const, modulation: { modulator: 'dopamine' as const } },
      normalization: { total: 5 },
      structural: { grow_per_period: 1 },
      autapses: true,
    }));
    const sensors = Array.from({ length: 64 }, (_, i) => ({ name: `sense_${i}`, population: `source_${i % 32}`, kind: 'touch' as const }));
    const experiment = experimentOf({ format: 'neuroplay-genome', version: 1, seed: 1, populations, projections, sensors });
    const hash = encodeShareHash(experiment);
    const json = JSON.stringify(experiment).length;
    // Measured: 171,592 bytes of JSON, a link of 4,968 characters (deflate eats the repetition): past a 2,000 cut, within 8,000.
    expect(json).toBeGreaterThan(150_000);
    expect(json).toBeLessThan(MAX_LINK_JSON_BYTES / 4);
    expect(hash.length).toBeGreaterThan(2000);
    expect(hash.length).toBeLessThan(8000);
    expect(decodeShareHash(hash)).toEqual({ kind: 'experiment', experiment });
  });

  it(`refuses to encode an experiment over MAX_LINK_JSON_BYTES (${MAX_LINK_JSON_BYTES}): a full 32,768-point drawing with 17-digit coordinates is about 1.3 MB`, () => {
    const noisy = (k: number) => ({ x: (k * 0.6180339887498949) % 1, y: (k * 0.41421356237309515) % 1 });
    const drawing = Array.from({ length: 64 }, (_, s) => Array.from({ length: 512 }, (_, p) => noisy(s * 512 + p + 1)));
    const experiment = experimentOf(PRESETS.playground.genome({}), [{ sensor: 'retina', drawing }]);
    expect(() => encodeShareHash(experiment)).toThrow(/^This experiment is 1,\d{3} KiB as JSON, more than the 1,024 KiB a link carries: save it as a file instead\.$/);
  });
});

describe('preset links', () => {
  it('reads #preset=cuba&seed=3 and #preset=digits, and writes them back', () => {
    expect(decodeShareHash('#preset=cuba&seed=3')).toEqual({ kind: 'preset', name: 'cuba', seed: 3 });
    expect(decodeShareHash('preset=digits')).toEqual({ kind: 'preset', name: 'digits' });
    expect(decodeShareHash('#seed=4294967295&preset=cuba')).toEqual({ kind: 'preset', name: 'cuba', seed: 4294967295 });
    expect(presetHash('cuba', 3)).toBe('#preset=cuba&seed=3');
    expect(presetHash('digits')).toBe('#preset=digits');
  });

  it('lists the presets for an unknown name (also "constructor", which every object inherits)', () => {
    const list = Object.keys(PRESETS).join(', ');
    expect(messageOf('#preset=cubaa')).toBe(`There is no preset named "cubaa". The presets are ${list}.`);
    expect(messageOf('#preset=constructor')).toBe(`There is no preset named "constructor". The presets are ${list}.`);
  });

  it('refuses a seed that is not a whole number in [0, 2^32)', () => {
    for (const seed of ['-1', '4294967296', '1.5', '1e3', '', '0x10'])
      expect(messageOf(`#preset=cuba&seed=${seed}`)).toBe(`The link's seed "${seed}" is not a whole number from 0 to 4294967295.`);
  });
});

describe('links that open nothing or fail', () => {
  it('reads no hash, "#", stray "&" and a bare anchor (#top, #scaling-out) as nothing to open; a bare key (#preset) is still read', () => {
    for (const hash of ['', '#', '#&', '&&', '#top', '#scaling-out']) expect(decodeShareHash(hash)).toEqual({ kind: 'none' });
    expect(messageOf('#preset')).toMatch(/^There is no preset named ""/);
  });

  it('names unknown keys, repeated keys, both kinds at once, a stray seed and a broken %-escape', () => {
    expect(messageOf('#utm_source=mail')).toBe('This link has "utm_source", which Neuroplay does not read: a link has x=… (an experiment) or preset=… (with an optional seed=…).');
    expect(messageOf('#top&preset=cuba')).toMatch(/^This link has "top", which Neuroplay does not read/);
    expect(messageOf('#preset=cuba&preset=digits')).toBe('This link gives "preset" more than once.');
    expect(messageOf(`${presetLinks[0].hash}&preset=cuba`)).toBe('This link has both an experiment (x=…) and a preset (preset=…); it can open only one.');
    expect(messageOf(`${presetLinks[0].hash}&seed=3`)).toBe('This link has a seed= beside an experiment, whose genome carries its own seed.');
    expect(messageOf('#seed=3')).toBe('This link has a seed= but no preset= to go with it.');
    expect(messageOf('#preset=%E0%A4%A')).toBe('This link is damaged: it has a broken %-escape.');
  });

  it('says a link of format 2 was made by a newer version, and format 0 or none is damaged', () => {
    expect(messageOf('#x=2.AAAA')).toBe('This link was made by a newer version of Neuroplay (link format 2; this page reads 1).');
    expect(messageOf('#x=0.AAAA')).toBe('This link has format 0, which Neuroplay never wrote (this page reads 1).');
    expect(messageOf('#x=AAAA')).toBe('This link is damaged: x= must start with the link format and a dot, like x=1.…');
  });

  it('says a link cut short or with a foreign character is damaged, and where', () => {
    const { hash } = presetLinks[0];
    const cut = hash.slice(0, 400);
    expect(messageOf(cut)).toBe('This link is damaged: its data does not unpack (unexpected EOF). Was it cut short?');
    expect(messageOf(hash.slice(0, 'x=1.'.length + 1 + 4 * 50 + 1))).toBe('This link is damaged: its data ends in the middle of a byte (was it cut short?).');
    expect(messageOf(`${hash.slice(0, 20)}!${hash.slice(21)}`)).toBe('This link is damaged: its data has "!" at character 16, which base64url does not use.');
    expect(messageOf('#x=1.')).toMatch(/^This link is damaged: its data is not JSON \(/);
  });

  // Measured: 105 to 156 ms on the first call (fflate and the decoder not yet compiled), then 10 to 40 ms.
  it('refuses a link that unpacks past 1 MiB while unpacking: an 87,343-character link of 64 MiB of spaces, in < 300 ms of CPU cold', () => {
    const bomb = linkOf(new Uint8Array(64 * 2 ** 20).fill(0x20));
    expect(bomb.length).toBe(87_343);
    const { result, ms } = cpuMs(() => messageOf(bomb));
    expect(result).toBe("This link's experiment unpacks to more than 1,024 KiB, the most a link may carry.");
    expect(ms).toBeLessThan(300);
    expect(messageOf(`#x=1.${'A'.repeat(1_500_000)}`)).toBe('This link is too long: it would carry more than the 1,024 KiB of experiment a link may.');
  });

  // Measured: the nesting 13 to 56 ms (refused by a scan before JSON.parse, which alone took 170 to 200 ms), the array 24 ms.
  it('answers the heaviest JSON a link can carry within 200 ms of CPU each: nesting 500,000 deep, an array of 500,000 numbers', () => {
    const genome = presetLinks.find((l) => l.name === 'cuba')!.experiment.genome;
    const deep = linkOf(JSON.stringify({ genome: { ...genome, name: '@' }, bindings: [] }).replace('"@"', '['.repeat(500_000) + ']'.repeat(500_000)));
    const long = linkOf(JSON.stringify({ genome: { ...genome, populations: new Array(500_000).fill(0) }, bindings: [] }));
    const nested = cpuMs(() => messageOf(deep));
    expect(nested.result).toBe('This link is damaged: its data nests 500,002 levels deep, more than the 32 an experiment may.');
    expect(nested.ms).toBeLessThan(200);
    const array = cpuMs(() => messageOf(long));
    expect(array.result).toBe("This link's experiment is not valid:\ngenome.populations: Too big: expected array to have <=64 items");
    expect(array.ms).toBeLessThan(200);
  });

  it('says what is wrong with the JSON: not JSON, not UTF-8, the wrong shape, a NaN or out-of-range value', () => {
    expect(messageOf(linkOf('{"genome":'))).toMatch(/^This link is damaged: its data is not JSON \(.+\)\.$/);
    expect(messageOf(linkOf(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe('This link is damaged: its data is not UTF-8 text.');
    expect(messageOf(linkOf('[1,2]'))).toBe("This link's experiment is not valid:\nInvalid input: expected object, received array");
    const genome = presetLinks.find((l) => l.name === 'cuba')!.experiment.genome;
    expect(messageOf(linkOf(JSON.stringify({ genome: { ...genome, dt_ms: 'NaN' }, bindings: [] })))).toBe("This link's experiment is not valid:\ngenome.dt_ms: must be a finite number");
    expect(messageOf(linkOf(JSON.stringify({ genome, bindings: [] }).replace('"dt_ms":0.1', '"dt_ms":1e999')))).toBe("This link's experiment is not valid:\ngenome.dt_ms: must be a finite number");
    expect(messageOf(linkOf(JSON.stringify({ genome: { ...genome, seed: -1 }, bindings: [] })))).toBe("This link's experiment is not valid:\ngenome.seed: Too small: expected number to be >=0");
    expect(messageOf(linkOf(JSON.stringify({ genome, bindings: [], run: true })))).toBe('This link\'s experiment is not valid:\nUnrecognized key: "run"');
  });

  it('refuses a genome over the size limits by its estimate alone (200,000 x 2,000 = 400,000,000 slots over 200,000,000) in < 50 ms of CPU, where building would take seconds and gigabytes', () => {
    const genome = {
      format: 'neuroplay-genome',
      version: 1,
      seed: 1,
      populations: [
        { name: 'a', size: 200_000, neuron: { model: 'lif' }, sign: 'excitatory' },
        { name: 'b', size: 200_000, neuron: { model: 'lif' }, sign: 'excitatory' },
      ],
      projections: ['a', 'b'].map((source) => ({ source, target: source === 'a' ? 'b' : 'a', connectivity: { kind: 'fixed_indegree', k: 1000 }, weight: { kind: 'constant', value: 1 }, row_capacity: 1000 })),
    };
    const link = linkOf(JSON.stringify({ genome, bindings: [] }));
    const { result, ms } = cpuMs(() => messageOf(link));
    expect(result).toBe("This link's experiment is not valid:\ngenome.projections: 400,000,000 synapse slots in all exceed the limit 200,000,000");
    expect(ms).toBeLessThan(50);
  });

  it('lists at most 20 problems of a genome with hundreds', () => {
    const populations = Array.from({ length: 64 }, () => ({ name: '1', size: -1, neuron: { model: 'lif' }, sign: 'neutral' }));
    const message = messageOf(linkOf(JSON.stringify({ genome: { format: 'neuroplay-genome', version: 1, seed: 1, populations }, bindings: [] })));
    const lines = message.split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toMatch(/^\(and \d+ more\)$/);
  });
});

describe('unpackWithin', () => {
  const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);

  it('gives back exactly maxBytes = 300,000 bytes, and null for a limit one byte short', () => {
    const packed = deflateSync(data);
    expect(unpackWithin(Inflate, packed, 300_000)).toEqual(data);
    expect(unpackWithin(Inflate, packed, 299_999)).toBeNull();
  });

  it('reads gzip into a buffer of the expected size, and throws on a member cut short', () => {
    const packed = gzipSync(data);
    const out = unpackWithin(Gunzip, packed, 300_000, 300_000)!;
    expect(out).toEqual(data);
    expect(out.buffer.byteLength).toBe(300_000);
    expect(() => unpackWithin(Gunzip, packed.subarray(0, packed.length >> 1), 300_000)).toThrow('unexpected EOF');
  });
});
