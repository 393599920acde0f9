/** RGBA pixels (a receptive field, a tiling of them) on a canvas, scaled up without smoothing. */
import { useEffect, useRef } from 'react';

export function FieldImage({ width, height, pixels, label, className = 'field-image' }: { width: number; height: number; pixels: Uint8ClampedArray; label: string; className?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || width === 0 || height === 0) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  }, [width, height, pixels]);
  return <canvas ref={canvas} className={className} width={width} height={height} role="img" aria-label={label} />;
}
