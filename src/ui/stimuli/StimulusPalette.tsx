/**
 * The palette: every stimulus a person can drag onto a sensor, each drawn as
 * the pattern it makes on the sense it belongs to. Items are dnd-kit
 * draggables: a pointer drags them, and with the keyboard Space picks one
 * up, the arrows hop between sensors and Space drops it.
 */
import { useDraggable } from '@dnd-kit/core';
import { useMemo } from 'react';
import type { SensorShape } from '@/stimuli/sensor-grid';
import { homeSensor, patternsFor, type PaletteItem, type SensorKind } from './catalog';
import { PatternCanvas } from './PatternCanvas';

/** The grid each kind of stimulus is previewed on: a digit-sized retina, a 32-channel cochlea, four pads. */
export const PREVIEW_SHAPES: Record<SensorKind, SensorShape> = {
  retina: { width: 28, height: 28 },
  cochlea: { width: 32, height: 1 },
  touch: { width: 4, height: 1 },
};

const GROUP_TITLES: Record<PaletteItem['group'], string> = {
  digits: 'Digits',
  shapes: 'Shapes and bars',
  tones: 'Tones',
  touch: 'Touch',
  noise: 'Noise',
  yours: 'Yours',
};

export function PaletteThumb({ item }: { item: PaletteItem }) {
  const shape = PREVIEW_SHAPES[homeSensor(item)];
  const pattern = useMemo(() => patternsFor(item.source, shape)[0] ?? null, [item, shape]);
  return <PatternCanvas pattern={pattern} shape={shape} label="" />;
}

function PaletteEntry({ item }: { item: PaletteItem }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: item.id });
  return (
    <li>
      <div ref={setNodeRef} className={`stimulus ${isDragging ? 'lifted' : ''}`} data-stimulus={item.id} title={`Drag ${item.label} onto a sensor`} {...listeners} {...attributes}>
        <PaletteThumb item={item} />
        <span>{item.label}</span>
      </div>
    </li>
  );
}

export function StimulusPalette({ items }: { items: PaletteItem[] }) {
  const groups = Object.keys(GROUP_TITLES) as PaletteItem['group'][];
  return (
    <div className="palette" aria-label="Stimuli">
      {groups.map((group) => {
        const inGroup = items.filter((item) => item.group === group);
        if (inGroup.length === 0) return null;
        return (
          <div key={group} className="palette-group">
            <h3>{GROUP_TITLES[group]}</h3>
            <ul>
              {inGroup.map((item) => (
                <PaletteEntry key={item.id} item={item} />
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
