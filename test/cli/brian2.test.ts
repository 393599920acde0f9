import { describe, expect, it } from 'vitest';
import { brian2Command, CUBA_SCRIPT, parseBrian2Output } from '@/cli/brian2';

// The line cuba.py printed for N = 4000, 1 s, seed 1, cpp_standalone (2.5.1).
const LINE =
  '{"mode": "cpp_standalone", "N": 4000, "seed": 1, "duration_s": 1.0, "brian2": "2.5.1", "build_s": 8.35, "binary_s": 0.142, "run_s": 0.113139, "spikes": 22463, "synapses": 319792, "synaptic_events": 1801466, "mean_rate_hz": 5.61575}';

describe('parseBrian2Output', () => {
  it('reads the last line after Brian2 chatter: 22,463 spikes, 5.61575 Hz', () => {
    const r = parseBrian2Output(`INFO some warning\n${LINE}\n`);
    expect(r.spikes).toBe(22463);
    expect(r.mean_rate_hz).toBe(5.61575);
    expect(r.synaptic_events).toBe(1801466);
  });

  it('says when there is no JSON and which field is missing', () => {
    expect(() => parseBrian2Output('Traceback ...\nImportError: brian2')).toThrow('cuba.py printed no JSON result');
    expect(() => parseBrian2Output(LINE.replace('"run_s"', '"runtime_s"'))).toThrow('run_s');
  });
});

describe('brian2Command', () => {
  it('passes N, duration, seed and mode to bench/brian2/cuba.py', () => {
    expect(brian2Command(16000, 1, 2, 'cython')).toEqual([CUBA_SCRIPT, '--neurons', '16000', '--duration', '1', '--seed', '2', '--mode', 'cython']);
    expect(CUBA_SCRIPT.endsWith('bench/brian2/cuba.py')).toBe(true);
  });
});
