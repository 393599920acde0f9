/** One line per population, top to bottom as in the raster: colour, name, size, current rate, and its rate strip over the last half minute. */
import { useMemo } from 'react';
import { cssColor, populationColors } from '@/render/palette';
import { formatCount, formatRate, RATE_HISTORY, selectPopulations, selectRatesHz } from '@/store';
import { useAppState } from './app-context';

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
            <span className="rate" data-testid={`rate-${p.name}`}>
              {formatRate(ratesHz[i] ?? 0)}
            </span>
            <RateStrip rates={history[i] ?? []} color={cssColor(colors[i])} name={p.name} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** Strip geometry, in SVG user units. */
const STRIP = { width: RATE_HISTORY, height: 24 };

/** A population's rate over the last RATE_HISTORY statuses, scaled to its own peak (shown in the title). */
function RateStrip({ rates, color, name }: { rates: number[]; color: string; name: string }) {
  const peak = Math.max(1, ...rates);
  const points = rates.map((r, k) => `${STRIP.width - rates.length + k},${STRIP.height - (r / peak) * STRIP.height}`).join(' ');
  return (
    <svg className="rate-strip" data-testid={`strip-${name}`} data-points={rates.length} viewBox={`0 0 ${STRIP.width} ${STRIP.height}`} preserveAspectRatio="none" role="img" aria-label={`${name} rate, peak ${formatRate(peak)}`}>
      <title>{`${name}: peak ${formatRate(peak)} over the strip`}</title>
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
