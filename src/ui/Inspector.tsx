/**
 * Inside one neuron: its membrane potential as the frames bring it (the
 * worker probes the neuron at every step), its firing rate, and its incoming
 * weights per projection, drawn as an image over the source's grid (a
 * receptive field) where the source lies on one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Genome } from '@/model';
import { fieldPixels } from '@/render/field-image';
import { drawMembrane, MembraneTrace, plotMembrane } from '@/render/membrane-plot';
import type { PopulationLayout } from '@/sim';
import { formatCount, formatRate, selectDtMs, selectGenome, selectInspected, selectPopulations } from '@/store';
import { useAppState, useServices } from './app-context';
import { FieldImage } from './FieldImage';
import { usePolled } from './use-polled';

/** The membrane trace spans the last half second. */
const TRACE_WINDOW_MS = 500;
/** Weights are read again this often while the inspector is open: learning shows, at little cost. */
const REFRESH_MS = 2000;
/** The rate is counted over this window of simulated time. */
const RATE_WINDOW_MS = 2000;
const PLOT = { width: 320, height: 120 };

function populationOf(populations: PopulationLayout[], neuron: number): PopulationLayout | undefined {
  return populations.find((p) => neuron >= p.start && neuron < p.start + p.capacity);
}

/** The threshold and reset of a neuron's model, mV, for the trace's lines and scale. */
function levels(genome: Genome, population: number): { thresholdMv: number; resetMv: number; vMinMv: number; vMaxMv: number } | null {
  const neuron = genome.populations[population].neuron;
  if (neuron.model === 'lif') return { thresholdMv: neuron.v_thresh_mV, resetMv: neuron.v_reset_mV, vMinMv: Math.min(neuron.v_reset_mV, neuron.v_rest_mV) - 5, vMaxMv: neuron.v_thresh_mV + 5 };
  if (neuron.model === 'izhikevich') return { thresholdMv: 30, resetMv: neuron.c ?? -65, vMinMv: -85, vMaxMv: 35 };
  return null;
}

export function Inspector() {
  const { client, store } = useServices();
  const neuron = useAppState(selectInspected);
  const populations = useAppState(selectPopulations);
  const genome = useAppState(selectGenome);
  const dtMs = useAppState(selectDtMs) ?? 0.1;
  const [typed, setTyped] = useState('');
  const population = neuron === null || !populations ? undefined : populationOf(populations, neuron);
  const scale = useMemo(() => (population && genome ? levels(genome, population.index) : null), [population, genome]);

  const canvas = useRef<HTMLCanvasElement>(null);
  const [rateHz, setRateHz] = useState(0);

  // Probe the membrane and count spikes from the frames, drawing at most once per display frame.
  useEffect(() => {
    if (neuron === null) return;
    const trace = new MembraneTrace(TRACE_WINDOW_MS);
    const spikes: number[] = [];
    let frameRequest = 0;
    if (scale) client.probe(neuron);
    const draw = () => {
      frameRequest = 0;
      const context = canvas.current?.getContext('2d');
      if (!context || !scale) return;
      const box = { x: 0, y: 0, ...PLOT };
      context.clearRect(0, 0, PLOT.width, PLOT.height);
      drawMembrane(context, plotMembrane(trace, box, scale), box, { trace: 0xe2e8f0, threshold: 0xf43f5e, reset: 0x64748b });
    };
    const off = client.onFrame((frame) => {
      for (let k = 0; k < frame.spikeNeuron.length; k++) if (frame.spikeNeuron[k] === neuron) spikes.push(frame.spikeStep[k]);
      const oldest = frame.stepEnd - RATE_WINDOW_MS / dtMs;
      while (spikes.length > 0 && spikes[0] < oldest) spikes.shift();
      setRateHz(spikes.length / (Math.min(RATE_WINDOW_MS, frame.stepEnd * dtMs) / 1000 || 1));
      if (frame.probe?.neuron === neuron) {
        trace.append(frame.probe.v, dtMs);
        if (!frameRequest) frameRequest = requestAnimationFrame(draw);
      }
    });
    return () => {
      off();
      cancelAnimationFrame(frameRequest);
      if (scale) client.probe(null);
    };
  }, [client, neuron, scale, dtMs]);

  // The incoming weights, read again every REFRESH_MS; each projection's image and mean are worked out once per read, not per render.
  const inspect = useCallback(async () => {
    const inspection = await client.inspect(neuron!);
    const incoming = inspection.incoming.map((view) => {
      const count = view.weights.offsets[1] - view.weights.offsets[0];
      const pixels = view.grid ? fieldPixels(view.weights, view.grid) : null;
      const mean = count > 0 ? view.weights.weight.reduce((a, b) => a + b, 0) / count : 0;
      return { ...view, count, pixels, mean };
    });
    return { ...inspection, incoming };
  }, [client, neuron]);
  const { value: inspection, problem } = usePolled(neuron === null ? null : inspect, REFRESH_MS);

  const choose = (text: string) => {
    setTyped(text);
    const index = Number(text);
    if (text.trim() !== '' && Number.isInteger(index) && populations && populationOf(populations, index)) store.getState().inspect(index);
  };

  return (
    <section className="inspector" aria-label="Neuron inspector">
      <label className="pick">
        Neuron{' '}
        <input type="number" min={0} value={typed === '' && neuron !== null ? neuron : typed} onChange={(event) => choose(event.target.value)} aria-describedby="inspector-hint" />
      </label>
      <p id="inspector-hint" className="hint">
        {neuron === null ? 'Click a neuron in the connectome, or type its number.' : population ? `${population.name} #${neuron - population.start}, ${formatRate(rateHz)}` : `no neuron ${neuron}`}
      </p>
      {neuron !== null && population && (
        <>
          {scale ? (
            <canvas ref={canvas} className="membrane" width={PLOT.width} height={PLOT.height} role="img" aria-label={`Membrane potential of neuron ${neuron} over the last ${TRACE_WINDOW_MS} ms; threshold ${scale.thresholdMv} mV in red`} />
          ) : (
            <p className="hint">A spike source has no membrane: it fires at the rate its sensor sets.</p>
          )}
          {problem && <p role="alert">{problem}</p>}
          <div className="fields">
            {inspection?.neuron === neuron &&
              inspection.incoming.map((view) => {
                const { count } = view;
                const source = populations?.[view.source]?.name ?? view.source;
                return (
                  <figure key={view.projection}>
                    {view.grid && view.pixels ? (
                      <FieldImage width={view.grid.width} height={view.grid.height} pixels={view.pixels} label={`Receptive field over ${source}: ${count} synapses, bright = strong`} />
                    ) : null}
                    <figcaption>
                      from {source}: {formatCount(count)} synapses
                      {count > 0 && `, mean ${view.mean.toFixed(2)}`}
                    </figcaption>
                  </figure>
                );
              })}
          </div>
        </>
      )}
    </section>
  );
}
