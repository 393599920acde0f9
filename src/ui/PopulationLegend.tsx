/** One line per population, top to bottom as in the raster: colour, name, size, current rate, and its rate strip over the last half minute. */
import { useMemo } from 'react';
import { cssColor, populationColors } from '@/render/palette';
import { formatCount, formatRate, selectPopulations, selectRatesHz } from '@/store';
import { RATE_WINDOW_MS } from '@/worker/rate-meter';
import { useAppState } from './app-context';
import { Sparkline } from './Sparkline';

export function PopulationLegend() {
  const populations = useAppState(selectPopulations);
  const ratesHz = useAppState(selectRatesHz);
  const history = useAppState((s) => s.rateHistory);
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
            <span className="rate" data-testid={`rate-${p.name}`} title={`mean rate over the last ${RATE_WINDOW_MS} ms of simulated time`}>
              {formatRate(ratesHz[i] ?? 0)}
            </span>
            <Sparkline values={history[i] ?? []} color={cssColor(colors[i])} testId={`strip-${p.name}`} label={`${p.name}: peak ${formatRate(Math.max(1, ...(history[i] ?? [])))} over the strip`} />
          </li>
        ))}
      </ul>
    </aside>
  );
}
