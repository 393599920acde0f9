/**
 * Runs an experiment with a protocol (digits, conditioning, ...): a progress
 * bar over its samples, its figures printed by name, and its learning curve
 * written to JSON.
 */
import { writeFileSync } from 'node:fs';
import type { LabExperiment } from '@/lab/experiments';
import type { Progress } from '@/lab';
import { UsageError } from './args';
import { idxFolder, mnistPackage } from './dataset';
import { ProgressBar } from './progress';

export interface LabOptions {
  seed?: number;
  neurons?: number;
  dataset?: string;
  epochs?: number;
  json: boolean;
  /** Where the report (figures and curve) goes; default `<name>-curve.json`. */
  out?: string;
}

/** The report: `figures` spread at the top level so each metric is there by its name. */
export interface LabReport {
  preset: string;
  backend: 'cpu';
  wall_s: number;
  curve_file: string;
  [figure: string]: unknown;
}

function formatFigure(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  return JSON.stringify(value);
}

export async function runLab(experiment: LabExperiment, options: LabOptions): Promise<LabReport> {
  if (options.neurons !== undefined && !experiment.rescales) throw new UsageError([`--neurons: ${experiment.name} does not rescale`]);
  if (options.dataset !== undefined && !experiment.needsDataset) throw new UsageError([`--dataset: ${experiment.name} takes no data set`]);
  if (options.epochs !== undefined && !experiment.needsDataset) throw new UsageError([`--epochs: ${experiment.name} does not train on a data set`]);
  const dataset = experiment.needsDataset ? (options.dataset !== undefined ? idxFolder(options.dataset) : mnistPackage()) : undefined;

  let bar: ProgressBar | null = null;
  const onProgress = (p: Progress) => {
    bar ??= new ProgressBar(experiment.name, p.totalAll, 'samples');
    bar.update(p.doneAll, p.metric ? `| ${p.phase} ${p.metric.name} ${formatFigure(p.metric.value)}` : `| ${p.phase}`);
  };
  const start = performance.now();
  const run = await experiment.run({ seed: options.seed, neurons: options.neurons, epochs: options.epochs, dataset, clock: () => performance.now() }, onProgress);
  (bar as ProgressBar | null)?.stop();
  const wallS = (performance.now() - start) / 1000;

  const curveFile = options.out ?? `${experiment.name}-curve.json`;
  const report: LabReport = { preset: experiment.name, backend: 'cpu', wall_s: wallS, curve_file: curveFile, ...run.figures };
  try {
    writeFileSync(curveFile, `${JSON.stringify({ ...report, metrics: run.metrics, curve: run.curve }, null, 2)}\n`);
  } catch (error) {
    throw new UsageError([`cannot write ${curveFile}: ${(error as Error).message}`]);
  }
  return report;
}

export function formatLabReport(experiment: LabExperiment, report: LabReport): string {
  const lines = [`${experiment.title}`, ''];
  for (const [name, value] of Object.entries(report)) if (name !== 'preset' && name !== 'curve_file') lines.push(`  ${name.padEnd(26)} ${formatFigure(value)}`);
  lines.push('', `learning curve and figures written to ${report.curve_file}`);
  return lines.join('\n');
}
