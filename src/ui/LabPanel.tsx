/**
 * A protocol experiment (digits, conditioning, ...) run to its end in the
 * lab worker: Run protocol / Stop, the phase and its progress, the live
 * metric, the learning curve and, when done, the final figures. Each run
 * gets its own worker; stopping, running again or leaving the page ends
 * the one before. Shown results belong to the seed they name; a parent
 * that switches experiments keys the panel by experiment.
 */
import { useCallback, useEffect, useId, useReducer, useRef } from 'react';
import type { MetricRecord, Phase } from '@/lab';
import { LabClient, type LabSession, type StartLab } from '@/worker/lab-client';
import type { LabDataset, LabDone, LabError, LabErrorPhase, LabFigure, LabPoint, LabProgress } from '@/worker/lab-protocol';
import { errorText } from '@/worker/protocol';
import { formatMetric, LearningChart } from './LearningChart';
import './lab.css';

export interface LabPanelProps {
  /** A key of EXPERIMENTS. */
  experiment: string;
  title: string;
  seed: number;
  /** The images, for an experiment that trains on them (digits); awaited at each run. */
  loadDataset?: () => Promise<LabDataset>;
  /** Starts a run; LabClient.start unless a test hands in a fake. */
  createClient?: StartLab;
}

/** The words a phase is shown with. */
const PHASE_WORDS: Record<Phase, string> = { train: 'training', label: 'labelling', test: 'testing', deprive: 'senses off', prune: 'pruning' };

const ERROR_TITLES: Record<LabErrorPhase, string> = {
  start: 'The run could not start',
  run: 'The protocol failed',
  message: 'A message to or from the lab worker was lost',
  worker: 'The lab worker stopped',
};

type Status = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'failed';

/** What the panel shows of the latest run. */
interface RunView {
  status: Status;
  /** The seed the run was started with. */
  seed: number;
  progress: LabProgress | null;
  /** The latest metric: kept through phases that report none (labelling). */
  metric: MetricRecord | null;
  points: LabPoint[];
  result: LabDone | null;
  error: LabError | null;
}

/** The worker's messages, plus what the panel itself does. */
type Action = LabProgress | LabPoint | LabDone | LabError | { type: 'begin'; seed: number; loading: boolean } | { type: 'running' } | { type: 'stop' };

function idle(seed: number): RunView {
  return { status: 'idle', seed, progress: null, metric: null, points: [], result: null, error: null };
}

function reduce(view: RunView, action: Action): RunView {
  switch (action.type) {
    case 'begin':
      return { ...idle(action.seed), status: action.loading ? 'loading' : 'running' };
    case 'running':
      return { ...view, status: 'running' };
    case 'progress':
      return { ...view, progress: action, metric: action.metric ?? view.metric };
    case 'point':
      return { ...view, points: [...view.points, action] };
    case 'done':
      return { ...view, status: 'done', result: action };
    case 'error':
      return { ...view, status: 'failed', error: action };
    case 'stop':
      return { ...view, status: 'stopped' };
    default: {
      const unknown: never = action;
      throw new Error(`LabPanel: unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

/** A figure as the table shows it: whole numbers as they are, others to four significant digits (as `npm run sim` prints them), "—" for none. */
function formatFigure(value: LabFigure): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en') : value.toPrecision(4);
  if (typeof value === 'string') return value;
  return value.map(formatFigure).join(', ');
}

function statusText(view: RunView): string {
  const seed = `seed ${view.seed}`;
  switch (view.status) {
    case 'idle':
      return `Runs the whole protocol with ${seed}.`;
    case 'loading':
      return 'Loading the data set…';
    case 'running':
      return view.progress ? `Running with ${seed}: ${PHASE_WORDS[view.progress.phase]}.` : `Starting with ${seed}…`;
    case 'done':
      return `Done with ${seed}.`;
    case 'stopped':
      return `Stopped (${seed}).`;
    case 'failed':
      return `Failed (${seed}).`;
  }
}

export function LabPanel({ experiment, title, seed, loadDataset, createClient = LabClient.start }: LabPanelProps) {
  const [view, dispatch] = useReducer(reduce, seed, idle);
  const session = useRef<LabSession | null>(null);
  // Bumped by every stop: events and loads of an older run are dropped.
  const runNumber = useRef(0);
  const headingId = useId();
  const barId = useId();

  const end = useCallback(() => {
    runNumber.current++;
    session.current?.stop();
    session.current = null;
  }, []);
  useEffect(() => end, [end]);

  const run = async () => {
    end();
    const number = runNumber.current;
    const current = (action: Action) => {
      if (number === runNumber.current) dispatch(action);
    };
    dispatch({ type: 'begin', seed, loading: loadDataset !== undefined });
    let dataset: LabDataset | undefined;
    try {
      dataset = await loadDataset?.();
    } catch (error) {
      current({ type: 'error', phase: 'start', message: `The data set could not be loaded: ${errorText(error)}` });
      return;
    }
    if (number !== runNumber.current) return;
    let started: LabSession;
    try {
      started = createClient(experiment, seed, dataset);
    } catch (error) {
      current({ type: 'error', phase: 'start', message: `The lab worker could not be started: ${errorText(error)}` });
      return;
    }
    session.current = started;
    dispatch({ type: 'running' });
    const finish = (action: LabDone | LabError) => {
      if (session.current === started) session.current = null;
      current(action);
    };
    started.onProgress(current);
    started.onPoint(current);
    started.onDone(finish);
    started.onError(finish);
  };

  const stop = () => {
    end();
    dispatch({ type: 'stop' });
  };

  const busy = view.status === 'loading' || view.status === 'running';
  const { progress, metric, result, error } = view;
  return (
    <section className="lab-panel" aria-labelledby={headingId}>
      <div className="lab-head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="primary" onClick={busy ? stop : () => void run()}>
          {busy ? 'Stop' : 'Run protocol'}
        </button>
      </div>
      <p className="lab-status" role="status">
        {statusText(view)}
      </p>
      {progress && (
        <div className="lab-progress">
          <label htmlFor={barId}>{PHASE_WORDS[progress.phase]}</label>
          <progress id={barId} max={progress.total} value={progress.done} />
          <span className="lab-count">
            {progress.done.toLocaleString('en')} / {progress.total.toLocaleString('en')}
          </span>
          <span className="lab-overall">
            {progress.doneAll.toLocaleString('en')} / {progress.totalAll.toLocaleString('en')} samples in all
          </span>
        </div>
      )}
      {metric && (
        <p className="lab-metric">
          {metric.name} <strong>{formatMetric(metric.value, metric.unit)}</strong>
        </p>
      )}
      <LearningChart points={view.points} />
      {error && (
        <div className="lab-error" role="alert">
          <strong>{ERROR_TITLES[error.phase]}</strong>
          <pre>{error.message}</pre>
        </div>
      )}
      {result && (
        <div className="lab-results">
          {result.metrics.length > 0 && (
            <ul className="lab-final" aria-label="Final metrics">
              {result.metrics.map((m) => (
                <li key={m.name}>
                  {m.name} <strong>{formatMetric(m.value, m.unit)}</strong>
                </li>
              ))}
            </ul>
          )}
          <table className="lab-figures">
            <caption>Figures, seed {view.seed}</caption>
            <thead>
              <tr>
                <th scope="col">figure</th>
                <th scope="col">value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(result.figures).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{formatFigure(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
