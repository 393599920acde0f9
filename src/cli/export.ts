/**
 * `npm run export -- <experiment> --to brian2|pynn [--with-state] [--out FILE]`:
 * writes the experiment as a Brian2 or PyNN script (and its learned state
 * beside it); rules the target cannot carry over are named on stderr.
 */
import { basename, dirname, extname, join } from 'node:path';
import { exportScript, stateFileName } from '@/export';
import { UsageError } from './args';
import { EXPORT_USAGE, parseExportArgs } from './export-args';
import { loadExportInput } from './export-input';
import { runMain } from './main';
import { writeOut } from './out';

async function main(): Promise<void> {
  const options = parseExportArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return;
  }
  const input = await loadExportInput(options.experiment);
  if (options.withState && !input.snapshot)
    throw new UsageError([
      `--with-state: ${input.source} has no learned state; give a state file (the page's Saved tab -> Export file, or npm run sim -- ${input.source} --save-state run.neuroplay)`,
    ]);
  const stateFile = options.out === undefined ? undefined : stateFileName(basename(options.out, extname(options.out)));
  const exported = exportScript(options.to, input.genome, {
    durationS: options.durationS,
    source: input.source,
    boundSensors: input.boundSensors,
    snapshot: options.withState ? input.snapshot : undefined,
    stateFile,
  });
  for (const warning of exported.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.out === undefined) {
    process.stdout.write(exported.script);
    return;
  }
  writeOut(options.out, exported.script);
  const statePath = exported.state && join(dirname(options.out), exported.state.file);
  if (exported.state && statePath) writeOut(statePath, exported.state.bytes);
  const also = statePath ? ` and its state ${statePath}` : '';
  process.stderr.write(`wrote ${options.out}${also}; run it with: python3 ${options.out}\n`);
}

runMain('export', main);
