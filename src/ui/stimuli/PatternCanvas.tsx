/** An intensity pattern (values in [0, 1], row-major) drawn as a grey image, one canvas pixel per sensor neuron, scaled up without smoothing. */
import { useEffect, useRef } from 'react';
import type { SensorShape } from '@/stimuli/sensor-grid';

export function PatternCanvas({ pattern, shape, label }: { pattern: Float32Array | null; shape: SensorShape; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(shape.width, shape.height);
    for (let i = 0; i < shape.width * shape.height; i++) {
      const grey = Math.round(255 * Math.min(1, Math.max(0, pattern?.[i] ?? 0)));
      image.data.set([grey, grey, grey, 255], 4 * i);
    }
    context.putImageData(image, 0, 0);
  }, [pattern, shape]);
  return <canvas ref={canvas} className="pattern" width={shape.width} height={shape.height} role="img" aria-label={label} />;
}
