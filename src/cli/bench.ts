/**
 * `npm run bench`: the CUBA network (Vogels & Abbott 2005) at several sizes
 * on our CPU engine, our WebGPU engine and in Brian2 (C++ standalone and
 * Cython), side by side in one run, as a Markdown table on stdout; progress
 * goes to stderr. It re-checks live that our mean rate agrees with Brian2's,
 * says what bounds the WebGPU engine at each size, and times the digits
 * experiment's training (and, with --digits-eval, its test set). With
 * --page it measures the playground in headless Chromium instead
 * (bench-page.ts).
 */
import { UsageError } from './args';
import { BENCH_USAGE, defaultRepeats, parseBenchArgs, SOFTWARE_GPU_DURATION_S, type BenchOptions } from './bench-args';
import { runOurCuba } from './bench-cuba';
import { benchDigits, formatDigitsBench } from './bench-digits';
import { benchDigitsEval, formatDigitsEval } from './bench-digits-eval';
import { copyBandwidth, CUBA_DISPATCHES_PER_STEP, emptyStepS, openBenchGpu, runGpuCuba, type BenchGpu, type GpuCubaResult } from './bench-gpu';
import { formatGpuBounds, gpuBound } from './bench-gpu-bound';
import { benchPage, formatPageBench } from './bench-page';
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
    simulatedS: result.simulatedS,
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
    simulatedS: result.duration_s,
    buildS: result.build_s,
    repeats: 1,
  };
}

/** Simulated time of a WebGPU run: --gpu-duration, else --duration, at most SOFTWARE_GPU_DURATION_S on a software adapter. */
function gpuDurationS(options: BenchOptions, gpu: BenchGpu): number {
  return options.gpuDurationS ?? (gpu.isFallback ? Math.min(options.durationS, SOFTWARE_GPU_DURATION_S) : options.durationS);
}

function gpuRow(result: GpuCubaResult): BenchRow {
  return {
    engine: 'neuroplay webgpu',
    neurons: result.neurons,
    runSPerSimS: result.medianRunS / result.simulatedS,
    eventsPerS: result.synapticEvents / result.medianRunS,
    meanRateHz: result.meanRateHz,
    simulatedS: result.simulatedS,
    buildS: result.buildS,
    repeats: result.runS.length,
  };
}

/**
 * Runs the WebGPU engine at every --gpu-sizes N, in order, skipping (with
 * the reason) a size whose run is estimated, linearly in N from the size
 * before, to last longer than --gpu-max-run, or that the device refuses.
 */
async function gpuRuns(options: BenchOptions, gpu: BenchGpu): Promise<{ runs: GpuCubaResult[]; skipped: string[] }> {
  const runs: GpuCubaResult[] = [];
  const skipped: string[] = [];
  const durationS = gpuDurationS(options, gpu);
  for (const neurons of options.gpuSizes) {
    const before = runs.at(-1);
    const estimateS = before ? (before.medianRunS * neurons) / before.neurons : 0;
    if (estimateS > options.gpuMaxRunS) {
      skipped.push(
        `- N = ${neurons.toLocaleString('en')}: skipped, a run would last about ${Math.round(estimateS)} s ` +
          `(${before!.medianRunS.toFixed(1)} s at N = ${before!.neurons.toLocaleString('en')}, scaled by N), over --gpu-max-run ${options.gpuMaxRunS} s`,
      );
      continue;
    }
    const repeats = options.repeats ?? defaultRepeats(neurons);
    const ticker = startTicker(`${at(neurons)} neuroplay webgpu`);
    try {
      const result = await runGpuCuba(gpu, neurons, durationS, options.seed, repeats);
      ticker.stop(`${repeats} run(s) of ${result.simulatedS} s, median ${result.medianRunS.toFixed(2)} s (runs ${result.runS.map((s) => s.toFixed(2)).join(', ')} s)`);
      runs.push(result);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      ticker.stop('does not fit');
      skipped.push(`- N = ${neurons.toLocaleString('en')}: skipped, ${error.message}`);
    }
  }
  return { runs, skipped };
}

/** One line per size and Brian2 mode where both ran the same simulated time: does our mean rate agree with Brian2's? False when any does not. */
function rateChecks(rows: readonly BenchRow[]): { lines: string[]; allAgree: boolean } {
  const lines: string[] = [];
  let allAgree = true;
  for (const ours of rows.filter((r) => r.brian2Mode === undefined)) {
    for (const theirs of rows.filter((r) => r.brian2Mode !== undefined && r.neurons === ours.neurons && r.simulatedS === ours.simulatedS)) {
      const check = checkCubaRate(ours.meanRateHz, theirs.meanRateHz, 1);
      allAgree &&= check.agrees;
      lines.push(
        `- N = ${ours.neurons.toLocaleString('en')}, ${ours.engine}: ${ours.meanRateHz.toFixed(3)} Hz, ${theirs.engine} ${theirs.meanRateHz.toFixed(3)} Hz, ` +
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
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  if (options.page) {
    process.stdout.write(`${formatPageBench(await benchPage(options.page), machine, command)}\n`);
    return;
  }
  let brian2 = 'not run (--no-brian2)';
  if (options.brian2) {
    try {
      brian2 = await brian2Version();
    } catch (error) {
      throw new UsageError([`Brian2 cannot be imported by ${BRIAN2_PYTHON} (${(error as Error).message}); install python3-brian or run with --no-brian2`]);
    }
  }
  const opened = options.gpu ? await openBenchGpu() : { unavailable: 'not run (--no-gpu)' };
  const gpu = 'unavailable' in opened ? undefined : opened;
  const webgpu = 'unavailable' in opened ? opened.unavailable : `${opened.adapter}${opened.isFallback ? ' (the kernels run on the CPU)' : ''}`;
  const out: string[] = [
    '## CUBA benchmark',
    '',
    `- machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.load1.toFixed(2)} at the start; Node ${machine.node}; Brian2 ${brian2}`,
    `- WebGPU: ${webgpu}`,
    `- command: ${command}`,
    `- network: CUBA (Vogels & Abbott 2005), 80 synapses in per neuron, dt 0.1 ms, ${options.durationS} s simulated` +
      `${gpu ? ` (WebGPU: ${gpuDurationS(options, gpu)} s)` : ''}, seed ${options.seed}`,
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  const rows: BenchRow[] = [];
  for (const neurons of options.sizes) {
    rows.push(await ourRow(options, neurons));
    if (options.brian2) for (const mode of BRIAN2_MODES) rows.push(await brian2Row(options, neurons, mode));
  }
  const gpuResult = gpu ? await gpuRuns(options, gpu) : { runs: [], skipped: [] };
  // Each WebGPU row goes after the last row of its size, or in order of N.
  for (const row of gpuResult.runs.map(gpuRow)) {
    const after = rows.findLastIndex((r) => r.neurons <= row.neurons);
    rows.splice(after + 1, 0, row);
  }

  const checks = rateChecks(rows);
  const notes = [
    '',
    'wall s / sim s: the simulation loop alone. neuroplay: median over its repeats, spikes not recorded; build s grows the network ' +
      '(WebGPU: and uploads it and compiles the kernels). WebGPU: timed from the first submission until the device reports the work done, after warm-up steps undone by a restore.',
  ];
  if (options.brian2)
    notes.push(
      'Brian2: one run per size and mode, its loop timed by Brian2 itself (bench/brian2/cuba.py); build s generates and compiles the code ' +
        "(Cython's includes connecting the synapses). x <engine>: the row's time over that engine's at the same N.",
    );
  if (gpuResult.skipped.length) notes.push('', 'WebGPU sizes not run:', ...gpuResult.skipped);
  if (checks.lines.length) notes.push('', 'Mean rate, ours against Brian2 over the same simulated time (tolerance: src/cli/cuba-reference.ts):', ...checks.lines);
  process.stdout.write(`${formatBenchTable(rows)}\n${notes.join('\n')}\n`);

  if (gpu && gpuResult.runs.length) {
    const ticker = startTicker('[WebGPU] near-empty network and copy bandwidth');
    const empty = await emptyStepS(gpu, gpu.isFallback ? 500 : 5000);
    const bandwidth = await copyBandwidth(gpu, (gpu.isFallback ? 64 : 256) << 20, gpu.isFallback ? 4 : 20);
    ticker.stop('done');
    const bounds = gpuResult.runs.map((r) => gpuBound({ ...r, runS: r.medianRunS }, empty, bandwidth));
    process.stdout.write(`\n## What bounds the WebGPU engine (${CUBA_DISPATCHES_PER_STEP} dispatches per step)\n\n${formatGpuBounds(bounds, empty, bandwidth)}\n`);
  }
  if (options.digits) process.stdout.write(`${formatDigitsBench(await benchDigits(options.seed, gpu))}\n`);
  if (options.digitsEval) process.stdout.write(`${formatDigitsEval(await benchDigitsEval(options.seed, opened, { images: options.evalImages, copies: options.evalCopies }))}\n`);
  if (!checks.allAgree) process.exitCode = 1;
}

// Dawn's instance is held for the process (cli/gpu.ts), which would keep Node running: exit once the output is written.
runMain('bench', () => main().finally(() => setImmediate(() => process.exit())));
