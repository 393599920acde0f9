/** The machine a benchmark ran on, for the head of its table. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';

export interface Machine {
  cpu: string;
  /** Logical cores the process may use. */
  cores: number;
  node: string;
  /** One-minute load average when asked: above the core count, other work competed for the CPU. */
  load1: number;
}

/** The first `model name` of /proc/cpuinfo, or null when there is none (not Linux x86, or a VM hiding it). */
export function cpuModelFromCpuinfo(text: string): string | null {
  const match = /^model name\s*:\s*(.+)$/m.exec(text);
  return match ? match[1].trim() : null;
}

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

export function describeMachine(): Machine {
  const cpu = cpuModelFromCpuinfo(readCpuinfo()) ?? cpus()[0]?.model ?? 'unknown CPU';
  return { cpu, cores: availableParallelism(), node: process.version, load1: loadavg()[0] };
}
