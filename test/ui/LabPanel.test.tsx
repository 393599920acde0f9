// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabPanel } from '@/ui/LabPanel';
import { chartSeries, formatMetric } from '@/ui/LearningChart';
import type { LabSession, StartLab } from '@/worker/lab-client';
import type { FromLabWorker, LabDataset, LabError, LabPoint, LabProgress } from '@/worker/lab-protocol';

afterEach(cleanup);

/** A run the test drives by hand: `say` plays a message from the worker. */
class FakeSession implements LabSession {
  stopped = 0;
  private readonly listeners: { type: FromLabWorker['type']; listener: (message: never) => void }[] = [];

  onProgress(listener: (progress: LabProgress) => void) {
    return this.add('progress', listener);
  }
  onPoint(listener: (point: LabPoint) => void) {
    return this.add('point', listener);
  }
  onDone(listener: (done: Extract<FromLabWorker, { type: 'done' }>) => void) {
    return this.add('done', listener);
  }
  onError(listener: (error: LabError) => void) {
    return this.add('error', listener);
  }
  stop(): void {
    this.stopped++;
  }
  say(message: FromLabWorker): void {
    act(() => {
      for (const { type, listener } of this.listeners) if (type === message.type) (listener as (m: FromLabWorker) => void)(message);
    });
  }
  private add(type: FromLabWorker['type'], listener: (message: never) => void): () => void {
    const entry = { type, listener };
    this.listeners.push(entry);
    return () => this.listeners.splice(this.listeners.indexOf(entry), 1);
  }
}

/** A panel for conditioning at seed 7 whose runs are fakes; `runs` lists them with what each was started with. */
function panel(props: Partial<Parameters<typeof LabPanel>[0]> = {}) {
  const runs: { session: FakeSession; args: Parameters<StartLab> }[] = [];
  const createClient = vi.fn<StartLab>((...args) => {
    const session = new FakeSession();
    runs.push({ session, args });
    return session;
  });
  const view = render(<LabPanel experiment="conditioning" title="Reward conditioning" seed={7} createClient={createClient} {...props} />);
  return { runs, createClient, view };
}

const runButton = () => screen.getByRole('button', { name: 'Run protocol' });
const status = () => screen.getByRole('status').textContent;

/** Clicks Run protocol and waits for the run to start (the data set, if any, is awaited first). */
async function start(runs: { session: FakeSession }[]): Promise<FakeSession> {
  fireEvent.click(runButton());
  await waitFor(() => expect(runs.length).toBeGreaterThan(0));
  return runs.at(-1)!.session;
}

const accuracy = (value: number, doneAll: number): LabProgress => ({
  type: 'progress',
  phase: 'train',
  done: doneAll,
  total: 200,
  doneAll,
  totalAll: 200,
  metric: { name: 'accuracy over the last 20 trials', value, unit: 'fraction', samples: 20 },
});

describe('LabPanel', () => {
  it('starts a run of its experiment with its seed (conditioning, 7) and offers Stop', async () => {
    const { runs, createClient } = panel();
    expect(status()).toBe('Runs the whole protocol with seed 7.');
    await start(runs);
    expect(createClient).toHaveBeenCalledWith('conditioning', 7, undefined);
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect(status()).toBe('Starting with seed 7…');
  });

  it('shows the phase in words, its progress (12 / 200) and the live metric as a percent (0.75 -> 75.0%)', async () => {
    const { runs } = panel();
    const session = await start(runs);
    session.say(accuracy(0.75, 12));
    const bar = screen.getByLabelText('training') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([12, 200]);
    expect(screen.getByText('12 / 200')).toBeTruthy();
    expect(screen.getByText('accuracy over the last 20 trials').querySelector('strong')?.textContent).toBe('75.0%');
    expect(status()).toBe('Running with seed 7: training.');
  });

  it('keeps the last metric through progress that brings none (labelling), under the new phase', async () => {
    const { runs } = panel();
    const session = await start(runs);
    session.say(accuracy(0.5, 40));
    session.say({ type: 'progress', phase: 'label', done: 3, total: 8, doneAll: 43, totalAll: 50 });
    expect(screen.getByLabelText('labelling')).toBeTruthy();
    expect(screen.getByText('50.0%')).toBeTruthy();
  });

  it("states the curve's latest point in the chart's label: 90.0% after 40 samples", async () => {
    const { runs } = panel();
    const session = await start(runs);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Learning curve: no points yet');
    session.say({ type: 'point', x: 20, y: 0.45, name: 'accuracy over the last 20 trials', unit: 'fraction' });
    session.say({ type: 'point', x: 40, y: 0.9, name: 'accuracy over the last 20 trials', unit: 'fraction' });
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Learning curve: accuracy over the last 20 trials 90.0% after 40 samples');
  });

  it('shows the final metrics and the figures table when done, and offers Run protocol again', async () => {
    const { runs } = panel();
    const session = await start(runs);
    session.say({
      type: 'done',
      figures: { trials_to_criterion: 39, accuracy_first_20: 0.45, never: null, 'response_hz.punished': 20.35, trials: 200 },
      metrics: [{ name: 'trials to criterion', value: 39, unit: 'trials', samples: 200 }],
    });
    const table = screen.getByRole('table', { name: 'Figures, seed 7' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Array.from(row.children, (cell) => cell.textContent));
    expect(rows).toEqual([
      ['trials_to_criterion', '39'],
      ['accuracy_first_20', '0.4500'],
      ['never', '—'],
      ['response_hz.punished', '20.35'],
      ['trials', '200'],
    ]);
    expect(within(screen.getByRole('list', { name: 'Final metrics' })).getByText('39 trials')).toBeTruthy();
    expect(status()).toBe('Done with seed 7.');
    expect(runButton()).toBeTruthy();
  });

  it('stops the run on Stop: the session is stopped once, and what it says afterwards is not shown', async () => {
    const { runs } = panel();
    const session = await start(runs);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(session.stopped).toBe(1);
    expect(status()).toBe('Stopped (seed 7).');
    session.say(accuracy(0.3, 5));
    expect(screen.queryByText('30.0%')).toBeNull();
  });

  it('stops the run when the panel goes away', async () => {
    const { runs, view } = panel();
    const session = await start(runs);
    view.unmount();
    expect(session.stopped).toBe(1);
  });

  it('shows an error from the worker with its heading, and lets the person run again', async () => {
    const { runs } = panel({ experiment: 'digits' });
    const session = await start(runs);
    session.say({ type: 'error', phase: 'start', message: 'start.dataset: digits trains on images, and no data set was given' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('The run could not startstart.dataset: digits trains on images, and no data set was given');
    expect(status()).toBe('Failed (seed 7).');
    await start(runs);
    expect(runs).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads the data set first (status: loading) and hands it to the run', async () => {
    const dataset: LabDataset = { images: new Uint8Array(4), labels: Uint8Array.of(3), count: 1, width: 2, height: 2 };
    let resolve!: (d: LabDataset) => void;
    const { runs, createClient } = panel({ experiment: 'digits', loadDataset: () => new Promise((r) => (resolve = r)) });
    fireEvent.click(runButton());
    expect(status()).toBe('Loading the data set…');
    expect(createClient).not.toHaveBeenCalled();
    await act(async () => resolve(dataset));
    expect(createClient).toHaveBeenCalledWith('digits', 7, dataset);
    expect(runs).toHaveLength(1);
  });

  it('says so when the data set cannot be loaded', async () => {
    panel({ experiment: 'digits', loadDataset: () => Promise.reject(new Error('404 digits.bin')) });
    fireEvent.click(runButton());
    expect((await screen.findByRole('alert')).textContent).toBe('The run could not startThe data set could not be loaded: 404 digits.bin');
  });
});

describe('formatMetric', () => {
  it('shows fractions in percent to 0.1 (0.809 -> 80.9%), others with their unit to 3 figures, undefined as —', () => {
    expect(formatMetric(0.809, 'fraction')).toBe('80.9%');
    expect(formatMetric(6.25, 'Hz')).toBe('6.25 Hz');
    expect(formatMetric(33.875, 'Hz')).toBe('33.9 Hz');
    expect(formatMetric(39, 'trials')).toBe('39 trials');
    expect(formatMetric(0.3008, '')).toBe('0.30');
    expect(formatMetric(Number.NaN, 'trials')).toBe('—');
  });
});

describe('chartSeries', () => {
  const point = (x: number, y: number, name: string, unit: string): LabPoint => ({ type: 'point', x, y, name, unit });

  it('draws one series per metric name in one unit, fractions x 100, gaps where a metric has no point (digits: running curve, then test accuracy)', () => {
    const series = chartSeries([point(4, 0.5, 'running accuracy', 'fraction'), point(6, 1, 'running accuracy', 'fraction'), point(33, 0.5, 'test accuracy', 'fraction')]);
    expect(series.names).toEqual(['running accuracy', 'test accuracy']);
    expect(series.data).toEqual([
      [4, 6, 33],
      [50, 100, null],
      [null, null, 50],
    ]);
  });

  it('keeps only the unit of the latest point (deprivation: E in Hz while training, then replay correlation without a unit)', () => {
    const series = chartSeries([point(1, 20, 'E, evoked', 'Hz'), point(2, 19, 'E, evoked', 'Hz'), point(40, 0.3, 'replay correlation', '')]);
    expect([series.unit, series.names, series.data]).toEqual(['', ['replay correlation'], [[40], [0.3]]]);
  });
});
