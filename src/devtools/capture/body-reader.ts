/**
 * Reads the response bodies capture needs: at most BODY_READS_AT_ONCE in flight (a few that never answer leave room
 * for the others), each bounded by the one timeout (the platform's `getContent()` sets none of its own).
 */
import { decodeBase64, type HarEntryLike } from '../../core/index';
import { MAX_RESPONSE_CHARS } from '../../core/response';
import type { RawRequest } from '../platform';
import { type Timers, Timeout, within } from './timers';

export const BODY_READS_AT_ONCE = 8;

/** Decodes a body DevTools handed over: base64 when either browser says so. */
export function decodeBody(body: string, second: string | null, entry: HarEntryLike): string {
  const base64 = second === 'base64' || entry.response?.content?.encoding === 'base64';
  if (!base64) return body;
  return decodeBase64(body) ?? body;
}

function withBody(entry: HarEntryLike, text: string): HarEntryLike {
  const response = entry.response ?? {};
  const { encoding: _encoding, ...content } = response.content ?? {};
  return { ...entry, response: { ...response, content: { ...content, text } } };
}

/** The entry with its body (when DevTools gave one), or the entry as it was and why its body is missing (the analysis' `responseUnread`). */
export type BodyRead = { entry: HarEntryLike; note: null } | { entry: HarEntryLike; note: string };

export class BodyReader {
  private reading = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly timers: Timers,
    private readonly atOnce = BODY_READS_AT_ONCE,
  ) {}

  /** One body, in one of the slots, under the timeout; a failure becomes a note. Never rejects. */
  async read(request: RawRequest, entry: HarEntryLike): Promise<BodyRead> {
    if (this.reading >= this.atOnce) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.reading++;
    try {
      const [body, second] = await within(
        Promise.resolve().then(() => request.getContent()),
        this.timeoutMs,
        this.timers,
      );
      if (!body) return { entry, note: null };
      // Over the analysis' limit the body is handed on undecoded: the analysis notes it was not read.
      return { entry: withBody(entry, body.length > MAX_RESPONSE_CHARS ? body : decodeBody(body, second, entry)), note: null };
    } catch (error) {
      const why =
        error instanceof Timeout
          ? `DevTools did not return it within ${Math.round(this.timeoutMs / 100) / 10} s`
          : error instanceof Error && error.message
            ? error.message.split('\n')[0]!.slice(0, 160)
            : 'DevTools could not return it';
      return { entry, note: why };
    } finally {
      this.reading--;
      this.queue.shift()?.();
    }
  }
}
