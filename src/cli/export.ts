/**
 * `npm run export -- <preset | experiment.json> --to brian2 [--out FILE]`:
 * writes the experiment as a Brian2 script; rules it cannot carry over are
 * named on stderr.
 */
import { writeFileSync } from 'node:fs';
import { exportBrian2 } from '@/export/brian2';
import { exportPyNN } from '@/export/pynn';
import { UsageError } from './args';
import { EXPORT_USAGE, parseExportArgs } from './export-args';
import { loadExperiment } from './experiment';
import { runMain } from './main';

async function main(): Promise<void> {
  const options = parseExportArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return;
  }
  const experiment = loadExperiment(options.experiment);
  const exporter = options.to === 'pynn' ? exportPyNN : exportBrian2;
  const { script, warnings } = exporter(experiment.genome, { durationS: options.durationS, source: experiment.source });
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.out === undefined) {
    process.stdout.write(script);
    return;
  }
  try {
    writeFileSync(options.out, script);
  } catch (error) {
    throw new UsageError([`--out ${options.out}: ${(error as Error).message}`]);
  }
  process.stderr.write(`wrote ${options.out}; run it with: python3 ${options.out}\n`);
}

runMain('export', main);
