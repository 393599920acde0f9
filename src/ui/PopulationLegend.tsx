/** One line per population, top to bottom as in the raster: colour, name, size, current rate. */
import { useMemo } from 'react';
import { cssColor, populationColors } from '@/render/palette';
import { formatCount, formatRate, selectPopulations, selectRatesHz } from '@/store';
import { useAppState } from './app-context';

export function PopulationLegend() {
  const populations = useAppState(selectPopulations);
  const ratesHz = useAppState(selectRatesHz);
  const colors = useMemo(() => (populations ? populationColors(populations) : []), [populations]);
  if (!populations) return <aside className="legend" aria-label="Populations" />;
  return (
    <aside className="legend" aria-label="Populations">
      <h2>Populations</h2>
      <ul>
        {populations.map((p, i) => (
          <li key={p.name} data-testid={`population-${p.name}`}>
            <span className="swatch" style={{ background: cssColor(colors[i]) }} />
            <span className="name">{p.name}</span>
            <span className="detail">
              {formatCount(p.size)} {p.role === 'sensor' ? 'sensor' : p.sign === 'excitatory' ? 'exc.' : 'inh.'}
            </span>
            <span className="rate" data-testid={`rate-${p.name}`}>
              {formatRate(ratesHz[i] ?? 0)}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
