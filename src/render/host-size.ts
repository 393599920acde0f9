/**
 * The size of the element a view's canvas fills, CSS px: read when it
 * changes (a read can force a layout), not on every frame.
 */
export class HostSize {
  width: number;
  height: number;
  private readonly observer: ResizeObserver;

  /** Calls `onChange` after each change of the host's size. */
  constructor(host: HTMLElement, onChange: () => void) {
    this.width = host.clientWidth;
    this.height = host.clientHeight;
    this.observer = new ResizeObserver(() => {
      this.width = host.clientWidth;
      this.height = host.clientHeight;
      onChange();
    });
    this.observer.observe(host);
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
