/**
 * What each neuron has learned from a retina: the incoming weights of the
 * first neurons of a projection from a grid population, tiled as receptive
 * fields and read again every few seconds so learning shows as it happens.
 */
import { useCallback, useMemo, useState } from 'react';
import { tileFields } from '@/render/field-image';
import { selectGenome } from '@/store';
import { useAppState, useServices } from './app-context';
import { FieldImage } from './FieldImage';
import { usePolled } from './use-polled';

/** Neurons shown: a 10 x 10 tiling. */
const NEURONS = 100;
const COLUMNS = 10;
const REFRESH_MS = 3000;

export function WeightsView() {
  const { client } = useServices();
  const genome = useAppState(selectGenome);
  // Projections whose source lies on a grid: their weights draw as images.
  const choices = useMemo(
    () =>
      (genome?.projections ?? [])
        .map((projection, index) => ({ index, projection, source: genome!.populations.find((p) => p.name === projection.source)! }))
        .filter(({ source }) => source.layout.kind === 'grid'),
    [genome],
  );
  const [chosen, setChosen] = useState(0);
  const projection = choices[chosen] ?? choices[0];
  const readTiles = useCallback(async () => {
    const reply = await client.weights(projection!.index, NEURONS);
    if (!reply.grid) throw new Error(`${projection!.projection.source} lies on no grid`);
    const { offsets, source, weight } = reply.weights;
    const fields = Array.from(reply.neurons, (_, k) => ({ source: source.subarray(offsets[k], offsets[k + 1]), weight: weight.subarray(offsets[k], offsets[k + 1]) }));
    return { image: tileFields(fields, reply.grid, COLUMNS), shown: fields.length };
  }, [client, projection]);
  const { value: tiles, problem } = usePolled(projection ? readTiles : null, REFRESH_MS);

  if (!projection) return <p className="hint">No projection of this experiment comes from a grid population (a retina), so there are no receptive fields to tile.</p>;
  return (
    <section className="weights-view" aria-label="Learned weights">
      <label>
        Projection{' '}
        <select value={chosen} onChange={(event) => setChosen(Number(event.target.value))}>
          {choices.map((choice, k) => (
            <option key={choice.index} value={k}>
              {choice.projection.name ?? `${choice.projection.source}->${choice.projection.target}`}
            </option>
          ))}
        </select>
      </label>
      {problem && <p role="alert">{problem}</p>}
      {tiles && <FieldImage className="weights" width={tiles.image.width} height={tiles.image.height} pixels={tiles.image.pixels} label={`Receptive fields of the first ${tiles.shown} neurons of ${projection.projection.target}, one tile each, bright = strong`} />}
    </section>
  );
}
