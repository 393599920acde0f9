/**
 * The real exporter and runner, spawned as a person would run them: a state
 * saved by `npm run sim -- --save-state` exported with its learned state, the
 * share link as input, and a clear message with exit status 2 for each kind
 * of bad input.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '@/cli/main';
import { encodeShareHash, PRESETS, validateExperiment } from '@/model';
import { decodeStateFile } from '@/sim';
import { runCli } from './spawn';

const dir = mkdtempSync(join(tmpdir(), 'neuroplay-export-cli-'));
const run = (command: 'sim' | 'export', ...args: string[]) => runCli(command, args);

describe('npm run export', () => {
  it('a run saved by sim --save-state (deprivation, 100 ms = 200 steps) exports with its state: net.py and net-state.npz beside it', async () => {
    const experiment = join(dir, 'deprivation.json');
    writeFileSync(experiment, JSON.stringify(PRESETS.deprivation.genome({ seed: 2 })));
    const saved = join(dir, 'run.neuroplay');
    const sim = await run('sim', experiment, '--duration', '100ms', '--save-state', saved);
    expect(sim.code, sim.stderr).toBe(0);
    const file = await decodeStateFile(readFileSync(saved));
    expect(file.ok && file.snapshot.step).toBe(200);

    const script = join(dir, 'net.py');
    const exported = await run('export', saved, '--to', 'brian2', '--with-state', '--out', script);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`wrote ${script} and its state ${join(dir, 'net-state.npz')}`);
    expect(readFileSync(script, 'utf8')).toContain('read from net-state.npz beside this script');
    expect(Object.keys(unzipSync(readFileSync(join(dir, 'net-state.npz'))))).toContain('projection1_w.npy');
  });

  it('refuses --with-state for an experiment without a learned state, saying where one comes from (exit 2)', async () => {
    const out = join(dir, 'cuba.py');
    const { code, stderr } = await run('export', 'cuba', '--to', 'pynn', '--with-state', '--out', out);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('export: --with-state: cuba has no learned state; give a state file');
    expect(existsSync(out)).toBe(false);
  });

  it('reads a share link: #preset=cuba&seed=3 exports with seed 3; a bound stimulus is named as not exported', async () => {
    const preset = await run('export', 'https://neuroplay.example/#preset=cuba&seed=3', '--to', 'brian2');
    expect(preset.code, preset.stderr).toBe(0);
    expect(preset.stdout).toContain('SEED = 3\n');

    const validated = validateExperiment({ genome: PRESETS.playground.genome({ seed: 4 }), bindings: [{ sensor: 'retina', stimulus: 'digit-3' }] });
    if (!validated.ok) throw new Error('the playground experiment does not validate');
    const link = await run('export', `http://localhost:5173/${encodeShareHash(validated.experiment)}`, '--to', 'pynn');
    expect(link.code, link.stderr).toBe(0);
    expect(link.stdout).toContain('SEED = 4\n');
    expect(link.stderr).toContain('warning: stimulus on sensor retina is not exported: retina fires at its genome\'s rate_hz');
  });

  it('a broken share link or state file is refused with the reason (exit 2)', async () => {
    const link = await run('export', 'https://neuroplay.example/#x=1.AAAA', '--to', 'brian2');
    expect(link.code).toBe(EXIT_USAGE);
    expect(link.stderr).toMatch(/^export: the share link: .+/);
    const damaged = join(dir, 'damaged.neuroplay');
    writeFileSync(damaged, 'not a state file');
    const file = await run('export', damaged, '--to', 'brian2');
    expect(file.code).toBe(EXIT_USAGE);
    expect(file.stderr).toMatch(new RegExp(`^export: ${damaged}: .+`));
  });
});
