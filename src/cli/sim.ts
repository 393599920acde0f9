/**
 * `npm run sim -- <preset | experiment.json> [flags]`: grows an experiment,
 * runs it headless and prints what happened (rates, events, speed).
 */
import { EXPERIMENTS } from '@/lab/experiments';
import { buildConnectome, encodeStateFile } from '@/sim';
import { UsageError } from './args';
import { engineFactory } from './engines';
import { loadExperiment } from './experiment';
import { formatLabReport, runLab } from './lab';
import { runMain } from './main';
import { checkOutPath, writeOut } from './out';
import { ProgressBar } from './progress';
import { RasterAccumulator } from './raster';
import { buildReport, formatReport } from './report';
import { chunkSteps, runInChunks, stepsFor } from './run';
import { parseSimArgs, SIM_USAGE } from './sim-args';

async function main(): Promise<void> {
  const options = parseSimArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${SIM_USAGE}\n`);
    return;
  }
  const lab = Object.hasOwn(EXPERIMENTS, options.experiment) ? EXPERIMENTS[options.experiment] : undefined;
  if (lab) {
    if (options.backend !== 'cpu') throw new UsageError([`--backend ${options.backend}: ${options.experiment} runs its protocol on the CPU engine`]);
    if (options.saveState !== undefined) throw new UsageError([`--save-state: ${options.experiment} runs a protocol in several networks; save the state of a plain run`]);
    if (options.out !== undefined) checkOutPath(options.out);
    const report = await runLab(lab, options);
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatLabReport(lab, report)}\n`);
    return;
  }
  if (options.dataset !== undefined) throw new UsageError([`--dataset: ${options.experiment} takes no data set`]);
  const createEngine = await engineFactory(options.backend);
  const experiment = loadExperiment(options.experiment, { neurons: options.neurons, seed: options.seed });
  if (options.out !== undefined) checkOutPath(options.out);
  if (options.saveState !== undefined) checkOutPath(options.saveState, '--save-state');
  const { genome } = experiment;

  const buildStart = performance.now();
  const connectome = buildConnectome(genome);
  const recordSpikes = options.out !== undefined;
  const engine = await createEngine(connectome, { recordSpikes });
  const buildS = (performance.now() - buildStart) / 1000;

  const steps = stepsFor(options.durationS, genome.dt_ms);
  const chunk = chunkSteps(genome.dt_ms);
  const raster = new RasterAccumulator(connectome.populations, connectome.neuronCount, genome.dt_ms, chunk);
  const progress = new ProgressBar(experiment.source, Math.round(steps * genome.dt_ms), 'ms simulated');
  const totals = await runInChunks(engine, connectome.populations.length, steps, chunk, (frame, done) => {
    raster.add(frame);
    progress.update(Math.round(done * genome.dt_ms));
  });
  progress.stop();

  const report = buildReport(experiment, connectome, totals, buildS, engine.backend);
  if (options.out !== undefined) writeOut(options.out, `${JSON.stringify({ ...report, raster: raster.summary(recordSpikes) }, null, 2)}\n`);
  if (options.saveState !== undefined) {
    const snapshot = await engine.snapshot();
    const meta = { savedAt: new Date().toISOString(), name: genome.name };
    writeOut(options.saveState, await encodeStateFile({ experiment: { genome, bindings: [] }, snapshot, meta }), '--save-state');
  }
  engine.destroy?.();
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
}

runMain('sim', main);
