/** A small line of the last RATE_HISTORY values, newest at the right: a population's rate, the synapse count. */
import { RATE_HISTORY } from '@/store';

/** Geometry, in SVG user units. */
const STRIP = { width: RATE_HISTORY, height: 24 };

/**
 * `values` scaled to [0, their peak] (`fromZero`, for rates) or to [their
 * minimum, their peak] (for a count whose changes are small against its size).
 */
export function Sparkline({ values, color, label, testId, fromZero = true }: { values: number[]; color: string; label: string; testId: string; fromZero?: boolean }) {
  const peak = Math.max(fromZero ? 1 : -Infinity, ...values);
  const floor = fromZero ? 0 : Math.min(...values);
  const span = Math.max(peak - floor, 1);
  const points = values.map((value, k) => `${STRIP.width - values.length + k},${STRIP.height - ((value - floor) / span) * STRIP.height}`).join(' ');
  return (
    <svg className="sparkline" data-testid={testId} data-points={values.length} viewBox={`0 0 ${STRIP.width} ${STRIP.height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <title>{label}</title>
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
