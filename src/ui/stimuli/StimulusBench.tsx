/**
 * Stimuli and senses: the palette (built-in stimuli, the bundled digits, one's
 * own drawing and image) and the sensor board, in one drag-and-drop context.
 * Dropping binds the stimulus to the sensor in the worker; the bound
 * programs are kept here to show what each sensor receives.
 */
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useEffect, useMemo, useState } from 'react';
import { selectBound, selectDeprived, selectGenome } from '@/store';
import { errorText } from '@/worker/protocol';
import { useAppState, useServices } from '../app-context';
import { bindStimulus, paletteItems, unbindStimulus } from '../experiment-actions';
import { builtInItems, refusal, sensorSites, type PaletteItem } from './catalog';
import { DrawingPad } from './DrawingPad';
import { ImagePicker } from './ImagePicker';
import { hopBetweenDropTargets } from './keyboard-hop';
import { SensorBoard, sensorDropId } from './SensorBoard';
import { PaletteThumb, StimulusPalette } from './StimulusPalette';

/** A pointer drops onto the sensor under it; the keyboard, which hops from centre to centre, onto the nearest one. */
const dropTarget: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : closestCenter(args));

export function StimulusBench() {
  const services = useServices();
  const genome = useAppState(selectGenome);
  const bound = useAppState(selectBound);
  const deprived = useAppState(selectDeprived);
  const [palette, setPalette] = useState<PaletteItem[]>(builtInItems);
  const [yours, setYours] = useState<PaletteItem[]>([]);
  const [message, setMessage] = useState('');
  const [dragged, setDragged] = useState<PaletteItem | null>(null);
  const programs = useMemo(() => Object.fromEntries(Object.entries(bound).map(([sensor, b]) => [sensor, b.program])), [bound]);
  const items = useMemo(() => [...palette, ...yours], [palette, yours]);
  const sites = useMemo(() => (genome ? sensorSites(genome) : []), [genome]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: hopBetweenDropTargets }));

  useEffect(() => {
    let live = true;
    paletteItems()
      .then((loaded) => live && setPalette(loaded))
      .catch((error: unknown) => live && setMessage(`The bundled digits could not be loaded: ${errorText(error)}`));
    return () => {
      live = false;
    };
  }, []);

  const itemOf = (id: unknown) => items.find((item) => item.id === id);
  const siteOf = (id: unknown) => sites.find((site) => sensorDropId(site.sensor.name) === id);

  const drop = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const item = itemOf(active.id);
    const site = siteOf(over?.id);
    if (!item || !site) return;
    const why = refusal(item, site.sensor.kind);
    if (why) return setMessage(why);
    try {
      bindStimulus(services, site, item);
      setMessage(`${item.label} is on ${site.sensor.name}`);
    } catch (error) {
      setMessage(`${item.label} could not be bound: ${errorText(error)}`);
    }
  };
  const unbind = (sensor: string) => {
    unbindStimulus(services, sensor);
    setMessage(`${sensor} is back to its idle rate`);
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${itemOf(active.id)?.label ?? 'a stimulus'}. Arrow keys move it from sensor to sensor; Space drops it, Escape puts it back.`,
    onDragOver: ({ active, over }) => (over ? `${itemOf(active.id)?.label} is over sensor ${siteOf(over.id)?.sensor.name}.` : `${itemOf(active.id)?.label} is over no sensor.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${itemOf(active.id)?.label} on ${siteOf(over.id)?.sensor.name}.` : `${itemOf(active.id)?.label} was dropped on no sensor.`),
    onDragCancel: ({ active }) => `Put ${itemOf(active.id)?.label} back.`,
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={dropTarget}
      onDragStart={({ active }: DragStartEvent) => setDragged(itemOf(active.id) ?? null)}
      onDragEnd={drop}
      onDragCancel={() => setDragged(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: 'Press Space or Enter to pick up the stimulus, an arrow key to move it onto a sensor, Space to drop it.' } }}
    >
      <section className="bench" aria-label="Stimuli and senses">
        <div className="bench-senses">
          <h2>Senses</h2>
          <SensorBoard sites={sites} programs={programs} deprived={deprived} onUnbind={unbind} />
          <p className="bench-message" role="status">
            {message || 'Drag a stimulus onto a sense.'}
          </p>
        </div>
        <div className="bench-palette">
          <h2>Stimuli</h2>
          <StimulusPalette items={items} />
          <div className="yours">
            <DrawingPad onDrawing={(strokes) => setYours((list) => [...list.filter((i) => i.id !== 'drawing'), ...(strokes ? [{ id: 'drawing', label: 'Your drawing', group: 'yours' as const, source: { kind: 'drawing' as const, strokes } }] : [])])} />
            <ImagePicker onImage={(name, image) => setYours((list) => [...list.filter((i) => i.id !== 'image'), { id: 'image', label: `Your image (${name})`, group: 'yours', source: { kind: 'image', image } }])} />
          </div>
        </div>
      </section>
      <DragOverlay>{dragged ? <div className="stimulus dragging"><PaletteThumb item={dragged} /><span>{dragged.label}</span></div> : null}</DragOverlay>
    </DndContext>
  );
}
