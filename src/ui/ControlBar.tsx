/** Run / pause (Space), step (.), speed, and what the run is doing: engine, simulated time, real-time factor, size. */
import {
  formatCount,
  formatFactor,
  formatSimTime,
  selectCanCommand,
  selectDtMs,
  selectEngineLabel,
  selectNeurons,
  selectRealTimeFactor,
  selectRunState,
  selectSimTimeMs,
  selectSpeed,
  selectSynapses,
} from '@/store';
import { useEffect } from 'react';
import { useAppState, useServices } from './app-context';
import { pressesButton, shortcut } from './keys';

/** Speeds offered, simulated ms per wall-clock ms. */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10] as const;
/** Simulated time one press of Step advances. */
export const STEP_MS = 10;

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

export function ControlBar() {
  const { client } = useServices();
  const runState = useAppState(selectRunState);
  const canCommand = useAppState(selectCanCommand);
  const speed = useAppState(selectSpeed);
  const dtMs = useAppState(selectDtMs);
  const running = runState === 'running';

  // Space runs or pauses; "." steps 10 ms while paused.
  useEffect(() => {
    if (!canCommand) return;
    const onKey = (event: KeyboardEvent) => {
      if (!shortcut(event) || pressesButton(event)) return;
      if (event.key === ' ') {
        event.preventDefault();
        if (running) client.pause();
        else client.run();
      } else if (event.key === '.' && !running && dtMs) client.step(Math.round(STEP_MS / dtMs));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, canCommand, running, dtMs]);

  return (
    <section className="control-bar" aria-label="Run controls">
      <button type="button" className="primary" disabled={!canCommand} aria-keyshortcuts="Space" onClick={() => (running ? client.pause() : client.run())}>
        {running ? 'Pause' : 'Run'}
      </button>
      <button type="button" disabled={!canCommand || running || !dtMs} aria-keyshortcuts="." onClick={() => dtMs && client.step(Math.round(STEP_MS / dtMs))}>
        Step {STEP_MS} ms
      </button>
      <label className="speed">
        Speed
        <select value={speed} disabled={!canCommand} onChange={(event) => client.setSpeed(Number(event.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <RunReadout />
    </section>
  );
}

function RunReadout() {
  const engine = useAppState(selectEngineLabel);
  const simTimeMs = useAppState(selectSimTimeMs);
  const factor = useAppState(selectRealTimeFactor);
  const neurons = useAppState(selectNeurons);
  const synapses = useAppState(selectSynapses);
  const runState = useAppState(selectRunState);
  return (
    <dl className="stats">
      <Stat label="Engine" value={engine || '…'} testId="engine" />
      <Stat label="State" value={runState} testId="run-state" />
      <Stat label="Simulated" value={formatSimTime(simTimeMs)} testId="sim-time" />
      <Stat label="Real-time factor" value={formatFactor(factor)} testId="real-time-factor" />
      <Stat label="Neurons" value={formatCount(neurons)} testId="neurons" />
      <Stat label="Synapses" value={formatCount(synapses)} testId="synapses" />
    </dl>
  );
}
