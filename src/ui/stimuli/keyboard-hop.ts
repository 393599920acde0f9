/**
 * Keyboard dragging that jumps from sensor to sensor: with a stimulus picked
 * up (Space or Enter), each arrow key moves it onto the next or previous
 * drop target in reading order instead of 25 px at a time, so a person
 * reaches any sensor in a press or two.
 */
import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

export const hopBetweenDropTargets: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  const forward = event.code === KeyboardCode.Right || event.code === KeyboardCode.Down;
  const backward = event.code === KeyboardCode.Left || event.code === KeyboardCode.Up;
  if (!collisionRect || (!forward && !backward)) return undefined;
  event.preventDefault();
  const targets = droppableContainers
    .getEnabled()
    .map((container) => ({ id: container.id, rect: droppableRects.get(container.id) }))
    .filter((target) => target.rect !== undefined)
    .sort((a, b) => a.rect!.top - b.rect!.top || a.rect!.left - b.rect!.left);
  if (targets.length === 0) return undefined;
  const at = targets.findIndex((target) => target.id === over?.id);
  const next = at < 0 ? (forward ? 0 : targets.length - 1) : (at + (forward ? 1 : -1) + targets.length) % targets.length;
  const rect = targets[next].rect!;
  // Coordinates are the dragged item's top-left corner: centre it on the target.
  return { x: rect.left + rect.width / 2 - collisionRect.width / 2, y: rect.top + rect.height / 2 - collisionRect.height / 2 };
};
