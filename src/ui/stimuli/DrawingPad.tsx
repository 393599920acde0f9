/** A pad to draw one's own pattern with the pointer; each finished stroke updates the "Your drawing" stimulus. */
import { useRef, useState, type PointerEvent } from 'react';
import type { StrokePoint } from '@/stimuli/stroke';

const PAD_PIXELS = 112;

export function DrawingPad({ onDrawing }: { onDrawing(strokes: StrokePoint[][] | null): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<StrokePoint[][]>([]);
  const current = useRef<StrokePoint[] | null>(null);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>): StrokePoint => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)), y: Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)) };
  };
  const line = (from: StrokePoint, to: StrokePoint) => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.strokeStyle = '#fff';
    context.lineWidth = PAD_PIXELS * 0.1;
    context.lineCap = 'round';
    context.beginPath();
    context.moveTo(from.x * PAD_PIXELS, from.y * PAD_PIXELS);
    context.lineTo(to.x * PAD_PIXELS, to.y * PAD_PIXELS);
    context.stroke();
  };
  const down = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointAt(event);
    current.current = [point];
    line(point, point);
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const stroke = current.current;
    if (!stroke) return;
    const point = pointAt(event);
    line(stroke[stroke.length - 1], point);
    stroke.push(point);
  };
  const up = () => {
    const stroke = current.current;
    current.current = null;
    if (!stroke) return;
    const next = [...strokes, stroke];
    setStrokes(next);
    onDrawing(next);
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, PAD_PIXELS, PAD_PIXELS);
    setStrokes([]);
    onDrawing(null);
  };
  return (
    <div className="drawing-pad">
      <canvas
        ref={canvas}
        width={PAD_PIXELS}
        height={PAD_PIXELS}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        role="img"
        aria-label="Drawing pad: draw with the pointer, then drag Your drawing onto the retina"
      />
      <button type="button" onClick={clear} disabled={strokes.length === 0}>
        Clear
      </button>
    </div>
  );
}
