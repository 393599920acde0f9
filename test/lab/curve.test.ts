import { describe, expect, it } from 'vitest';
import { addToCurve, createCurve } from '@/lab';

describe('running learning curve', () => {
  it('scores window 2 with the labels of window 1: no point after 2 samples, accuracy 1 after 4', () => {
    // 2 neurons: neuron 0 answers class 0, neuron 1 class 1, throughout.
    const curve = createCurve(2, 2, 2);
    expect(addToCurve(curve, Float32Array.from([3, 0]), 0, 1)).toBeUndefined();
    expect(addToCurve(curve, Float32Array.from([0, 3]), 1, 2)).toBeUndefined();
    expect(addToCurve(curve, Float32Array.from([2, 1]), 0, 3)).toBeUndefined();
    expect(addToCurve(curve, Float32Array.from([1, 4]), 1, 4)).toEqual({ samples: 4, accuracy: 1 });
  });

  it('scores 0 when the neurons swap classes between windows (labels come from the previous window)', () => {
    const curve = createCurve(2, 2, 2);
    addToCurve(curve, Float32Array.from([3, 0]), 0, 1);
    addToCurve(curve, Float32Array.from([0, 3]), 1, 2);
    addToCurve(curve, Float32Array.from([0, 3]), 0, 3);
    expect(addToCurve(curve, Float32Array.from([3, 0]), 1, 4)).toEqual({ samples: 4, accuracy: 0 });
    expect(curve.points).toEqual([{ samples: 4, accuracy: 0 }]);
  });
});
