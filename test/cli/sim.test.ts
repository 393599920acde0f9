/**
 * The real runner, spawned as a person would run it (`tsx src/cli/sim.ts`,
 * through `node --import tsx` to spare npx's start-up): its JSON report, its
 * --out file, and a clear one-line message with exit status 2 for each kind
 * of bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '@/cli/main';
import { cubaGenome, PRESETS } from '@/model';
import { adapterName, device } from '../sim/gpu/harness';
import { runCli } from './spawn';

const dir = mkdtempSync(join(tmpdir(), 'neuroplay-sim-'));
const sim = (...args: string[]) => runCli('sim', args);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('npm run sim: output', () => {
  it('prints one JSON object on the last line: CUBA at 1,000 neurons for 200 ms is 2,000 steps, about 80,000 synapses', async () => {
    const out = join(dir, 'result.json');
    const { code, stdout } = await sim('cuba', '--neurons', '1000', '--duration', '200ms', '--seed', '5', '--json', '--out', out);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(report).toMatchObject({ preset: 'cuba', backend: 'cpu', neurons: 1000, seed: 5, steps: 2000, simulated_s: 0.2 });
    expect(Object.keys(report.rates_hz)).toEqual(['E', 'I']);
    for (const key of ['wall_s', 'realtime_factor', 'spikes', 'synaptic_events', 'synapses', 'build_s']) expect(typeof report[key]).toBe('number');
    expect(report.realtime_factor).toBeCloseTo(report.simulated_s / report.wall_s, 9);
    // Binomial(1000 x 1000, 0.08): 80,000 +- 5 sd (sd 271).
    expect(Math.abs(report.synapses - 80_000)).toBeLessThan(5 * 271);

    const saved = JSON.parse(readFileSync(out, 'utf8'));
    expect({ ...saved, raster: undefined }).toEqual({ ...report, raster: undefined });
    // 200 ms in 10 ms bins: 20 bins per population.
    expect(saved.raster.bin_ms).toBe(10);
    expect(saved.raster.rates_hz_per_bin.E).toHaveLength(20);
    expect(saved.raster.spikes_recorded).toBe(report.spikes);
  });

  it('prints a text report with the population table for a preset with a sensor (balanced: retina, E, I)', async () => {
    const { code, stdout } = await sim('balanced', '--duration', '50ms');
    expect(code).toBe(0);
    expect(stdout).toMatch(/real-time factor/);
    expect(stdout).toMatch(/^\s+retina\s+256\s/m);
    expect(stdout).toMatch(/^\s+all\s+1,256\s/m);
  });
});

describe.concurrent('npm run sim: bad input exits with status 2 and one line per problem, no stack trace', () => {
  const valid = file('valid.json', JSON.stringify(cubaGenome(500)));
  const cases: [string, string[], (string | RegExp)[]][] = [
    ['an unknown preset', ['cubaa'], [`sim: "cubaa" is neither a preset (${Object.keys(PRESETS).join(', ')}) nor a .json file`]],
    ['a missing file', [join(dir, 'missing.json')], [`sim: ${join(dir, 'missing.json')}: no such file`]],
    ['malformed JSON', [file('broken.json', '{"format": ')], [/^sim: \S+broken\.json: not valid JSON \(.+\)$/]],
    [
      'an invalid genome (two fields)',
      [file('invalid.json', JSON.stringify({ ...cubaGenome(500), dt_ms: 5, seed: -1 }))],
      ['sim: seed: Too small: expected number to be >=0', 'sim: dt_ms: must be <= 1 ms'],
    ],
    ['a bad flag value', ['cuba', '--duration', '2'], ['sim: --duration: "2" is not a duration (add a unit: 2s or 500ms)']],
    ['an unknown flag', ['cuba', '--turbo'], ['sim: --turbo: unknown flag']],
    ['--neurons on a file', [valid, '--neurons', '100'], ['sim: --neurons: applies to presets only; set the population sizes in the experiment file']],
    ['--out into a missing folder', ['cuba', '--out', join(dir, 'no', 'r.json')], [`sim: --out: the folder ${join(dir, 'no')} does not exist`]],
    ['a protocol on --backend webgpu', ['novelty', '--backend', 'webgpu'], ['sim: --backend webgpu: novelty runs its protocol on the CPU engine']],
  ];
  for (const [what, args, lines] of cases) {
    it(`refuses ${what}`, async () => {
      const { code, stdout, stderr } = await sim(...args);
      expect(code).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      const printed = stderr.trim().split('\n');
      expect(printed).toHaveLength(lines.length);
      lines.forEach((line, i) => (typeof line === 'string' ? expect(printed[i]).toBe(line) : expect(printed[i]).toMatch(line)));
    });
  }
});

// The device opened here only tells whether this machine has a WebGPU adapter (harness.ts: required under CI).
describe.skipIf(device === undefined)(`npm run sim --backend webgpu (${adapterName})`, () => {
  it('runs the WebGPU engine: CUBA, 1,000 neurons, 200 ms, seed 1 gives the CPU engine\'s spikes in every population', async () => {
    const reports = [];
    for (const backend of ['cpu', 'webgpu']) {
      const r = await sim('cuba', '--neurons', '1000', '--duration', '200ms', '--backend', backend, '--json');
      expect(r.code, r.stderr).toBe(0);
      reports.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
    }
    const [cpu, gpu] = reports;
    expect(gpu.backend).toBe('webgpu');
    expect(cpu.spikes).toBeGreaterThan(500);
    expect(gpu).toMatchObject({ spikes: cpu.spikes, synaptic_events: cpu.synaptic_events, population_spikes: cpu.population_spikes });
  }, 60_000);
});

describe('npm run sim: experiments with a protocol', () => {
  it('runs novelty to the end: its figures by name on the JSON line and its curve in --out (novel response above the habituated repeat)', async () => {
    const out = join(dir, 'novelty.json');
    const r = await sim('novelty', '--json', '--out', out);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ preset: 'novelty', backend: 'cpu', curve_file: out, repeats: 6 });
    expect(report.novel_response_hz).toBeGreaterThan(2 * report.repeat_response_hz);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.curve.length).toBe(written.repeats + written.partials + 2);
  });

  it('refuses --neurons on an experiment that does not rescale, and --dataset on one that takes none (exit 2)', async () => {
    const neurons = await sim('punishment', '--neurons', '5');
    expect(neurons).toMatchObject({ code: EXIT_USAGE, stderr: 'sim: --neurons: punishment does not rescale\n' });
    const dataset = await sim('cuba', '--dataset', dir);
    expect(dataset).toMatchObject({ code: EXIT_USAGE, stderr: 'sim: --dataset: cuba takes no data set\n' });
    const epochs = await sim('novelty', '--epochs', '2');
    expect(epochs).toMatchObject({ code: EXIT_USAGE, stderr: 'sim: --epochs: novelty does not train on a data set\n' });
    const missing = await sim('digits', '--dataset', join(dir, 'no-such-folder'));
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toMatch(/^sim: --dataset .*no-such-folder: ENOENT/);
  });
});
