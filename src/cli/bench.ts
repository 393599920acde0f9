/**
 * `npm run bench`: the CUBA network (Vogels & Abbott 2005) at several sizes
 * on our CPU engine and in Brian2 (C++ standalone and Cython), side by side
 * in one run, as a Markdown table on stdout; progress goes to stderr. It also
 * re-checks live that our mean rate agrees with Brian2's.
 */
import { UsageError } from './args';
import { BENCH_USAGE, defaultRepeats, parseBenchArgs, type BenchOptions } from './bench-args';
import { runOurCuba } from './bench-cuba';
import { benchDigits, formatDigitsBench } from './bench-digits';
import { formatBenchTable, type BenchRow } from './bench-table';
import { BRIAN2_PYTHON, brian2Version, runBrian2Cuba, type Brian2Mode, type Brian2Result } from './brian2';
import { checkCubaRate } from './cuba-reference';
import { describeMachine } from './machine';
import { runMain } from './main';
import { startTicker } from './progress';

const BRIAN2_MODES: readonly Brian2Mode[] = ['cpp_standalone', 'cython'];

const at = (n: number) => `[N = ${n.toLocaleString('en')}]`;

async function ourRow(options: BenchOptions, neurons: number): Promise<BenchRow> {
  const repeats = options.repeats ?? defaultRepeats(neurons);
  const ticker = startTicker(`${at(neurons)} neuroplay cpu`);
  const result = await runOurCuba(neurons, options.durationS, options.seed, repeats);
  ticker.stop(`${repeats} run(s) of ${result.simulatedS} s, median ${result.medianRunS.toFixed(2)} s (runs ${result.runS.map((s) => s.toFixed(2)).join(', ')} s)`);
  return {
    engine: 'neuroplay cpu',
    neurons,
    runSPerSimS: result.medianRunS / result.simulatedS,
    eventsPerS: result.synapticEvents / result.medianRunS,
    meanRateHz: result.meanRateHz,
    buildS: result.buildS,
    repeats,
  };
}

async function brian2Row(options: BenchOptions, neurons: number, mode: Brian2Mode): Promise<BenchRow> {
  const ticker = startTicker(`${at(neurons)} brian2 ${mode} (generate, compile, run)`);
  let result: Brian2Result;
  try {
    result = await runBrian2Cuba(neurons, options.durationS, options.seed, mode);
  } catch (error) {
    ticker.stop('failed');
    throw error;
  }
  ticker.stop(`build ${result.build_s.toFixed(1)} s, run ${result.run_s.toFixed(3)} s`);
  return {
    engine: `brian2 ${mode}`,
    brian2Mode: mode,
    neurons,
    runSPerSimS: result.run_s / result.duration_s,
    eventsPerS: result.synaptic_events / result.run_s,
    meanRateHz: result.mean_rate_hz,
    buildS: result.build_s,
    repeats: 1,
  };
}

/** One line per size and Brian2 mode: does our mean rate agree with Brian2's? False when any does not. */
function rateChecks(rows: readonly BenchRow[]): { lines: string[]; allAgree: boolean } {
  const lines: string[] = [];
  let allAgree = true;
  for (const ours of rows.filter((r) => r.brian2Mode === undefined)) {
    for (const theirs of rows.filter((r) => r.brian2Mode !== undefined && r.neurons === ours.neurons)) {
      const check = checkCubaRate(ours.meanRateHz, theirs.meanRateHz, 1);
      allAgree &&= check.agrees;
      lines.push(
        `- N = ${ours.neurons.toLocaleString('en')}: ours ${ours.meanRateHz.toFixed(3)} Hz, ${theirs.engine} ${theirs.meanRateHz.toFixed(3)} Hz, ` +
          `difference ${check.differenceHz.toFixed(3)} Hz, tolerance ${check.toleranceHz.toFixed(3)} Hz: ${check.agrees ? 'agrees' : 'DOES NOT AGREE'}`,
      );
    }
  }
  return { lines, allAgree };
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const machine = describeMachine();
  let brian2 = 'not run (--no-brian2)';
  if (options.brian2) {
    try {
      brian2 = await brian2Version();
    } catch (error) {
      throw new UsageError([`Brian2 cannot be imported by ${BRIAN2_PYTHON} (${(error as Error).message}); install python3-brian or run with --no-brian2`]);
    }
  }
  const out: string[] = [
    '## CUBA benchmark',
    '',
    `- machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.load1.toFixed(2)} at the start; Node ${machine.node}; Brian2 ${brian2}`,
    `- command: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    `- network: CUBA (Vogels & Abbott 2005), 80 synapses in per neuron, dt 0.1 ms, ${options.durationS} s simulated, seed ${options.seed}`,
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  const rows: BenchRow[] = [];
  for (const neurons of options.sizes) {
    rows.push(await ourRow(options, neurons));
    if (options.brian2) for (const mode of BRIAN2_MODES) rows.push(await brian2Row(options, neurons, mode));
  }

  const checks = rateChecks(rows);
  const notes = [
    '',
    'wall s / sim s: the simulation loop alone. neuroplay: median over its repeats, spikes not recorded; build s grows the network.',
  ];
  if (options.brian2)
    notes.push(
      'Brian2: one run per size and mode, its loop timed by Brian2 itself (bench/brian2/cuba.py); build s generates and compiles the code ' +
        "(Cython's includes connecting the synapses). x <mode>: the row's time over that Brian2 mode's at the same N.",
    );
  if (checks.lines.length) notes.push('', 'Mean rate, ours against Brian2 (tolerance: src/cli/cuba-reference.ts):', ...checks.lines);
  process.stdout.write(`${formatBenchTable(rows)}\n${notes.join('\n')}\n`);
  if (options.digits) process.stdout.write(`${formatDigitsBench(await benchDigits(options.seed))}\n`);
  if (!checks.allAgree) process.exitCode = 1;
}

runMain('bench', main);
