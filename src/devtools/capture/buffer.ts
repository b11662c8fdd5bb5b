/**
 * Where capture events go: the panel's sink once it is connected, else a buffer of at most `cap` calls (the oldest
 * dropped and counted where they were, with their page session: a navigation after them clears their count, one
 * before them does not) that the panel gets on connecting.
 */
import type { CaptureEvent, CaptureSink } from './events';

export class CaptureBuffer {
  private events: CaptureEvent[] = [];
  private calls = 0;
  private sink: CaptureSink | null = null;

  constructor(private readonly cap: number) {}

  get size(): number {
    return this.events.length;
  }

  /** Streams to `sink` from now on, after handing it what was buffered (and how many calls were dropped). */
  connect(sink: CaptureSink): void {
    this.sink = sink;
    const pending = this.events;
    this.events = [];
    this.calls = 0;
    if (pending.length > 0) sink(pending);
  }

  disconnect(): void {
    this.sink = null;
  }

  emit(event: CaptureEvent): void {
    if (this.sink) {
      try {
        this.sink([event]);
      } catch {
        /* the panel failed on one event: keep capturing */
      }
      return;
    }
    this.events.push(event);
    if (event.type !== 'call') return;
    this.calls++;
    while (this.calls > this.cap) {
      const index = this.events.findIndex((e) => e.type === 'call');
      if (index < 0) break;
      const [gone] = this.events.splice(index, 1);
      this.calls--;
      const page = gone?.type === 'call' ? gone.page : undefined;
      const before = this.events[index - 1];
      if (before?.type === 'dropped' && before.page === page) before.count++;
      else this.events.splice(index, 0, { type: 'dropped', count: 1, ...(page !== undefined ? { page } : {}) });
    }
  }
}
