import { describe, expect, it } from 'vitest';
import { cpuModelFromCpuinfo, describeMachine } from '@/cli/machine';

describe('machine', () => {
  it('reads the first model name of /proc/cpuinfo', () => {
    const text = 'processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n';
    expect(cpuModelFromCpuinfo(text)).toBe('AMD EPYC 7B13');
    expect(cpuModelFromCpuinfo('processor\t: 0\n')).toBeNull();
  });

  it('describes this machine with at least one core and the running Node version', () => {
    const m = describeMachine();
    expect(m.cores).toBeGreaterThanOrEqual(1);
    expect(m.node).toBe(process.version);
    expect(m.cpu.length).toBeGreaterThan(0);
    expect(m.load1).toBeGreaterThanOrEqual(0);
  });
});
