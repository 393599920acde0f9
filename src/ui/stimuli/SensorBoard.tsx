/**
 * The senses of the running genome, each a drop target: it shows what it
 * receives now (a stream's current item) and how it encodes it.
 */
import { useDroppable } from '@dnd-kit/core';
import type { StimulusProgram } from '@/stimuli/program';
import { useAppState } from '../app-context';
import type { SensorSite } from './catalog';
import { PatternCanvas } from './PatternCanvas';

/** How a sensor turns intensity into spikes, in words. */
export function encodingWords(site: SensorSite): string {
  const { encoding, max_rate_hz } = site.sensor;
  return encoding === 'rate' ? `rate code: brighter fires faster, up to ${max_rate_hz} Hz` : 'latency code: brighter fires sooner, one spike per presentation';
}

export const sensorDropId = (sensor: string) => `sensor:${sensor}`;

function SensorTile({ site, program, deprived, onUnbind }: { site: SensorSite; program: StimulusProgram | undefined; deprived: boolean; onUnbind(): void }) {
  const { sensor, shape } = site;
  const { setNodeRef, isOver } = useDroppable({ id: sensorDropId(sensor.name) });
  // Just this sensor's pattern index (undefined while unbound): a status that changes nothing here re-renders nothing.
  const on = useAppState((s) => s.bindings.find((b) => b.sensor === sensor.name)?.showing);
  const showing = program ? (program.patterns[on ?? 0] ?? program.patterns[0]) : null;
  const what = program ? program.label + (program.patterns.length > 1 && on !== undefined ? ` (${on + 1} of ${program.patterns.length})` : '') : 'nothing bound: idle rate';
  return (
    <li ref={setNodeRef} className={`sensor ${isOver ? 'over' : ''}`} data-sensor={sensor.name} aria-label={`Sensor ${sensor.name} (${sensor.kind})`}>
      <h3>
        {sensor.name} <small>{sensor.kind}, {shape.width}×{shape.height}</small>
      </h3>
      <PatternCanvas pattern={showing} shape={shape} label={`${sensor.name} receives ${what}`} />
      <p className="receives">{deprived ? 'silenced (sensory deprivation)' : what}</p>
      <p className="encoding">{encodingWords(site)}</p>
      {program && (
        <button type="button" onClick={onUnbind}>
          Unbind
        </button>
      )}
    </li>
  );
}

export function SensorBoard({
  sites,
  programs,
  deprived,
  onUnbind,
}: {
  sites: SensorSite[];
  programs: Record<string, StimulusProgram>;
  deprived: boolean;
  onUnbind(sensor: string): void;
}) {
  if (sites.length === 0) return <p className="no-sensors">This experiment has no sensors to feed.</p>;
  return (
    <ul className="sensor-board" aria-label="Sensors">
      {sites.map((site) => (
        <SensorTile
          key={site.sensor.name}
          site={site}
          program={programs[site.sensor.name]}
          deprived={deprived}
          onUnbind={() => onUnbind(site.sensor.name)}
        />
      ))}
    </ul>
  );
}
