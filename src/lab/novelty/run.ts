/**
 * Novelty, habituation and partial match. The retina's inputs are split into
 * a pattern X (the first k inputs), a control pattern Y (the next k) and a
 * pool of fresh inputs. The protocol shows, each once for the presentation
 * and then a rest:
 * 1. X for the first time: it is new, so it passes to O, and M starts storing it;
 * 2. X again, `repeats` times: its relays have habituated, so little passes;
 *    once M has stored it, F (full match) fires;
 * 3. Y, never seen: the control that O is not merely tired, and that a new
 *    pattern does not drive N;
 * 4. NOVELTY_PARTIALS partial patterns, each half of X (first and second
 *    halves in turn) plus k/2 fresh inputs of its own: M recalls X, V sees
 *    the new half and silences F, so N, the mismatch, fires.
 * Nothing is rewarded: storage is M's own Hebbian STDP and the relays'
 * adaptive thresholds. O's rate is per relay, over all of them: a pattern
 * lights k of the retina's inputs, so the relays it drives fire at
 * (retina size / k) times that rate.
 */
import { noveltyGenome, NOVELTY_DEFAULT_SIZE, NOVELTY_PARTIALS, type NoveltySize } from '@/model/presets/novelty';
import { BACKGROUND_HZ, growLabNetwork, labCpuEngine, patternImage, showPattern, type LabEngineFactory, type PopulationRates } from '../trial';
import type { MetricRecord, Progress, Schedule } from '../protocol';

export const NOVELTY_SCHEDULE: Schedule = { presentation_ms: 200, rest_ms: 300 };

export interface NoveltyOptions {
  /** Seed of the network and its input spikes. Default 1. */
  seed?: number;
  size?: NoveltySize;
  /** Showings of X after the first. Default 6. */
  repeats?: number;
  /** The last this many repeats make the habituated response (the first ones are still storing). Default 3. */
  settledRepeats?: number;
  /** Default 200 ms on, 300 ms rest. */
  schedule?: Schedule;
  /** Rate of the inputs a pattern does not light, Hz. Default BACKGROUND_HZ, 1 Hz. */
  backgroundHz?: number;
  createEngine?: LabEngineFactory;
}

export type NoveltyKind = 'novel' | 'repeat' | 'control' | 'partial';

/** One showing: what was shown and each population's mean rate, Hz. */
export interface NoveltyPoint {
  showing: number;
  kind: NoveltyKind;
  output_hz: number;
  memory_hz: number;
  novelty_hz: number;
  full_match_hz: number;
  mismatch_hz: number;
}

export interface NoveltyResult {
  /** O's response to X shown the first time. */
  novel_response_hz: number;
  /** O's mean response to the settled repeats of X. */
  repeat_response_hz: number;
  /** O's response to Y, new after X was stored. */
  control_response_hz: number;
  /** O's mean response to the partial patterns. */
  partial_response_hz: number;
  /** N's (the mismatch population's) mean response to the partial patterns, to the settled repeats, to X new and to Y. */
  partial_inhibitory_hz: number;
  repeat_inhibitory_hz: number;
  novel_inhibitory_hz: number;
  control_inhibitory_hz: number;
  repeats: number;
  partials: number;
  /** Every showing, in order. */
  curve: NoveltyPoint[];
  metrics: MetricRecord[];
}

function mean(points: NoveltyPoint[], key: 'output_hz' | 'mismatch_hz'): number {
  return points.reduce((sum, p) => sum + p[key], 0) / points.length;
}

export async function runNovelty(options: NoveltyOptions = {}, onProgress?: (progress: Progress) => void): Promise<NoveltyResult> {
  const seed = options.seed ?? 1;
  const size = options.size ?? NOVELTY_DEFAULT_SIZE;
  const repeats = options.repeats ?? 6;
  const settled = options.settledRepeats ?? 3;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats: must be a whole number >= 1, got ${repeats}`);
  if (!Number.isInteger(settled) || settled < 1 || settled > repeats) throw new RangeError(`settledRepeats: must be a whole number in 1..${repeats}, got ${settled}`);
  const network = growLabNetwork(noveltyGenome(seed, size), options.schedule ?? NOVELTY_SCHEDULE, options.createEngine ?? labCpuEngine);
  const backgroundHz = options.backgroundHz ?? BACKGROUND_HZ;
  const k = size.inputsPerPattern;
  const half = Math.floor(k / 2);
  const inputs = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  const image = (lit: number[]) => patternImage(network.stage.retina, lit, backgroundHz);
  const x = image(inputs(0, k));
  const y = image(inputs(k, k));
  // Partial j: X's first (j even) or second (j odd) half, plus k - half fresh inputs no other pattern uses.
  const partials = Array.from({ length: NOVELTY_PARTIALS }, (_, j) => image([...inputs(j % 2 === 0 ? 0 : k - half, half), ...inputs(2 * k + j * (k - half), k - half)]));
  const schedule: [NoveltyKind, Uint8Array][] = [
    ['novel', x],
    ...Array.from({ length: repeats }, (): [NoveltyKind, Uint8Array] => ['repeat', x]),
    ['control', y],
    ...partials.map((p): [NoveltyKind, Uint8Array] => ['partial', p]),
  ];

  const curve: NoveltyPoint[] = [];
  for (const [kind, pattern] of schedule) {
    const rates: PopulationRates = await showPattern(network, pattern);
    const point = { showing: curve.length + 1, kind, output_hz: rates.O, memory_hz: rates.M, novelty_hz: rates.V, full_match_hz: rates.F, mismatch_hz: rates.N };
    curve.push(point);
    onProgress?.({
      phase: 'train',
      done: curve.length,
      total: schedule.length,
      doneAll: curve.length,
      totalAll: schedule.length,
      metric: { name: `O's response (${kind})`, value: point.output_hz, unit: 'Hz', samples: 1 },
    });
  }
  const of = (kind: NoveltyKind) => curve.filter((p) => p.kind === kind);
  const settledRepeats = of('repeat').slice(-settled);
  const result = {
    novel_response_hz: of('novel')[0].output_hz,
    repeat_response_hz: mean(settledRepeats, 'output_hz'),
    control_response_hz: of('control')[0].output_hz,
    partial_response_hz: mean(of('partial'), 'output_hz'),
    partial_inhibitory_hz: mean(of('partial'), 'mismatch_hz'),
    repeat_inhibitory_hz: mean(settledRepeats, 'mismatch_hz'),
    novel_inhibitory_hz: of('novel')[0].mismatch_hz,
    control_inhibitory_hz: of('control')[0].mismatch_hz,
  };
  const metric = (name: string, value: number, samples: number): MetricRecord => ({ name, value, unit: 'Hz', samples });
  return {
    ...result,
    repeats,
    partials: NOVELTY_PARTIALS,
    curve,
    metrics: [
      metric('O, novel pattern', result.novel_response_hz, 1),
      metric('O, repeated pattern', result.repeat_response_hz, settled),
      metric('O, partial pattern', result.partial_response_hz, NOVELTY_PARTIALS),
      metric('N (mismatch), partial pattern', result.partial_inhibitory_hz, NOVELTY_PARTIALS),
      metric('N (mismatch), repeated pattern', result.repeat_inhibitory_hz, settled),
      metric('N (mismatch), novel pattern', result.novel_inhibitory_hz, 1),
    ],
  };
}
