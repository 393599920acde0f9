/**
 * A learning curve drawn by uPlot: x is samples done over the whole run, y
 * the metric (a fraction shown in percent). The plot is drawn outside React
 * render, as the raster is: an effect creates it and destroys it, a
 * ResizeObserver keeps it as wide as its box, and new points go in through
 * setData. A new metric name or unit changes its series and axis, the only
 * time the plot is created anew.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LabPoint } from '@/worker/lab-protocol';

/** Height of the plot, axes included, px. */
const CHART_HEIGHT_PX = 220;
/** Narrowest plot, px: a box not yet laid out (width 0) still gets a drawable plot. */
const MIN_WIDTH_PX = 120;
/** One colour per series: the page's accent, then the raster's inhibitory and sensor hues (app.css, render/palette.ts). */
const SERIES_COLORS = ['#fb923c', '#60a5fa', '#a3e635', '#e879f9', '#2dd4bf'];
const AXIS_COLOR = '#8b93a6';
const GRID_COLOR = '#262b36';

/** A metric's value as a person reads it: a fraction in percent ("85.0%"), others with their unit ("6.25 Hz"); "—" when undefined. */
export function formatMetric(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'fraction') return `${(value * 100).toFixed(1)}%`;
  const magnitude = Math.abs(value);
  const text = Number.isInteger(value) ? String(value) : value.toFixed(magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
  return unit ? `${text} ${unit}` : text;
}

/** What the plot draws: the points in the unit of the latest one, a series per metric name, y in percent for fractions. */
export interface ChartSeries {
  unit: string;
  names: string[];
  /** uPlot's columns: x, then one y column per name (null where that metric has no point). */
  data: uPlot.AlignedData;
}

export function chartSeries(points: readonly LabPoint[]): ChartSeries {
  const unit = points.at(-1)?.unit ?? '';
  const shown = points.filter((p) => p.unit === unit);
  const names = [...new Set(shown.map((p) => p.name))];
  const xs = [...new Set(shown.map((p) => p.x))].sort((a, b) => a - b);
  const column = new Map(xs.map((x, i) => [x, i]));
  const scale = unit === 'fraction' ? 100 : 1;
  const ys = names.map(() => new Array<number | null>(xs.length).fill(null));
  for (const p of shown) ys[names.indexOf(p.name)][column.get(p.x)!] = p.y * scale;
  return { unit, names, data: [xs, ...ys] };
}

/** The y axis names the unit (a fraction is drawn in percent); the legend names the metrics, as an axis has no room for them. */
function axisLabel(unit: string): string {
  return unit === 'fraction' ? 'percent' : unit;
}

function plotOptions(series: ChartSeries, width: number): uPlot.Options {
  const axis = { stroke: AXIS_COLOR, grid: { stroke: GRID_COLOR, width: 1 }, ticks: { stroke: GRID_COLOR, width: 1 } };
  return {
    width,
    height: CHART_HEIGHT_PX,
    scales: { x: { time: false }, y: series.unit === 'fraction' ? { range: [0, 100] } : {} },
    axes: [
      { ...axis, label: 'samples' },
      { ...axis, label: axisLabel(series.unit) },
    ],
    series: [
      { label: 'samples' },
      ...series.names.map((name, i) => ({ label: name, stroke: SERIES_COLORS[i % SERIES_COLORS.length], width: 2, spanGaps: true, points: { size: 5 } })),
    ],
    cursor: { drag: { x: false, y: false } },
  };
}

/** Whether this page can draw on a canvas (a DOM without one, as in component tests, cannot). */
function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

function widthOf(host: HTMLElement): number {
  return Math.max(MIN_WIDTH_PX, Math.floor(host.clientWidth));
}

export function LearningChart({ points }: { points: readonly LabPoint[] }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [canDraw] = useState(canvasAvailable);
  const series = useMemo(() => chartSeries(points), [points]);
  const shape = JSON.stringify([series.unit, series.names]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !canDraw || series.names.length === 0) return;
    const plot = new uPlot(plotOptions(series, widthOf(host)), series.data, host);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: widthOf(host), height: CHART_HEIGHT_PX }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // Only the shape (unit, names) rebuilds the plot; its data follow through setData below.
  }, [canDraw, shape]);

  useEffect(() => {
    plotRef.current?.setData(series.data);
  }, [series]);

  const latest = points.at(-1);
  const label = latest ? `Learning curve: ${latest.name} ${formatMetric(latest.y, latest.unit)} after ${latest.x.toLocaleString('en')} samples` : 'Learning curve: no points yet';
  return (
    <div className="learning-chart" role="img" aria-label={label}>
      <div className="learning-chart-plot" ref={hostRef} />
      {!latest && <p className="learning-chart-note">The curve appears with the first measurement.</p>}
      {latest && !canDraw && <p className="learning-chart-note">This browser cannot draw the curve (no canvas).</p>}
    </div>
  );
}
