/**
 * Tells the panel's components that the store changed: versions to compare, listeners to call. On a long live
 * session, capture changes that arrive in quick succession are batched (each render of a large dataset
 * re-summarises it).
 */

/** From this many live calls on, capture changes are shown at most every COALESCE_MS. */
export const COALESCE_FROM = 1_000;
export const COALESCE_MS = 200;

export class ChangeNotifier {
  /** Changes to the data (not to filters or selection). */
  dataVersion = 0;
  /** Any change. */
  version = 0;
  private listeners = new Set<() => void>();
  private lastCaptureNotify = -Infinity;
  private pendingNotify: ReturnType<typeof setTimeout> | null = null;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `liveCalls`: set for a live-capture data change, which may be shown a little later on a large session. */
  changed(data: boolean, liveCalls?: number): void {
    if (data) this.dataVersion++;
    this.version++;
    const capture = liveCalls !== undefined;
    if (capture && liveCalls >= COALESCE_FROM) {
      // The first capture change shows at once; the ones that follow it in a burst are batched.
      if (this.pendingNotify !== null) return;
      const wait = COALESCE_MS - (Date.now() - this.lastCaptureNotify);
      if (wait > 0) {
        this.pendingNotify = setTimeout(() => this.notify(true), wait);
        return;
      }
    }
    this.notify(capture);
  }

  private notify(capture: boolean): void {
    if (this.pendingNotify !== null) {
      clearTimeout(this.pendingNotify);
      this.pendingNotify = null;
    }
    this.lastCaptureNotify = capture ? Date.now() : -Infinity;
    for (const listener of [...this.listeners]) listener();
  }
}
