import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '@/cli/args';
import { loadExperiment, presetRescales } from '@/cli/experiment';
import { cubaGenome, PRESETS, type Preset } from '@/model';

const dir = mkdtempSync(join(tmpdir(), 'neuroplay-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problems(spec: string, overrides = {}): string[] {
  try {
    loadExperiment(spec, overrides);
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadExperiment', () => {
  it('grows the cuba preset at 4,000 neurons: E 3,200 and I 800 (80 / 20 split)', () => {
    const { genome, preset } = loadExperiment('cuba');
    expect(preset).toBe('cuba');
    expect(genome.populations.map((p) => [p.name, p.size])).toEqual([
      ['E', 3200],
      ['I', 800],
    ]);
  });

  it('rescales cuba to 16,000 neurons (E 12,800, I 3,200) and reseeds it with --seed 9', () => {
    const { genome } = loadExperiment('cuba', { neurons: 16000, seed: 9 });
    expect(genome.populations.map((p) => p.size)).toEqual([12800, 3200]);
    expect(genome.seed).toBe(9);
  });

  it('reads a genome file and overrides its seed', () => {
    const path = file('cuba.json', JSON.stringify(cubaGenome(1000, 3)));
    const { genome, preset, source } = loadExperiment(path, { seed: 4 });
    expect([preset, source, genome.seed, genome.populations[0].size]).toEqual([null, path, 4, 800]);
  });

  it('names each invalid field of a file as path: message', () => {
    const bad = { ...cubaGenome(1000), dt_ms: 5, populations: [{ ...cubaGenome(1000).populations[0], size: -1 }] };
    const lines = problems(file('bad.json', JSON.stringify(bad)));
    expect(lines).toContain('dt_ms: must be <= 1 ms');
    expect(lines).toContain('populations[0].size: must be >= 0');
  });

  it('says which file is missing, which is not JSON, and which name is no preset', () => {
    expect(problems(join(dir, 'none.json'))).toEqual([`${join(dir, 'none.json')}: no such file`]);
    expect(problems(file('broken.json', '{"format": ')).join()).toMatch(/broken\.json: not valid JSON/);
    expect(problems('cubaa')).toEqual([`"cubaa" is neither a preset (${Object.keys(PRESETS).join(', ')}) nor a .json file`]);
  });

  it('refuses --neurons on a file, and reports a preset size the genome refuses', () => {
    expect(problems(file('ok.json', JSON.stringify(cubaGenome(1000))), { neurons: 10 })).toEqual([
      '--neurons: applies to presets only; set the population sizes in the experiment file',
    ]);
    expect(problems('cuba', { neurons: 3_000_000 }).join('\n')).toMatch(/^--neurons 3000000: populations\[0\]\.size: exceeds the limit 2000000/);
  });
});

describe('presetRescales', () => {
  it('is true for cuba and balanced, false for a preset that ignores neurons', () => {
    expect(presetRescales(PRESETS.cuba)).toBe(true);
    expect(presetRescales(PRESETS.balanced)).toBe(true);
    const fixed: Preset = { ...PRESETS.cuba, name: 'fixed', genome: ({ seed }) => cubaGenome(1000, seed) };
    expect(presetRescales(fixed)).toBe(false);
  });
});
