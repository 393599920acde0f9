/** Opens an image file of one's own as a stimulus; a file the browser cannot decode is refused with a message. */
import { useState, type ChangeEvent } from 'react';
import type { RgbaImage } from '@/stimuli/patterns';

/** Images are shrunk to at most this side before they are kept: a sensor has a few dozen pixels a side. */
const MAX_SIDE = 112;

async function decode(file: File): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas to read the image');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return { width, height, data: context.getImageData(0, 0, width, height).data };
}

export function ImagePicker({ onImage }: { onImage(name: string, image: RgbaImage): void }) {
  const [problem, setProblem] = useState('');
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    decode(file)
      .then((image) => {
        setProblem('');
        onImage(file.name, image);
      })
      .catch(() => setProblem(`${file.name} is not an image this browser can open`));
  };
  return (
    <div className="image-picker">
      <label>
        Your image… <input type="file" accept="image/*" onChange={pick} />
      </label>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
