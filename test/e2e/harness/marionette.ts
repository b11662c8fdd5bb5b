// A minimal Marionette client (Firefox's built-in remote protocol; no geckodriver needed).
// Framing: "<byte length>:<JSON>". Commands [0, id, name, params]; replies [1, id, error, result].
import { connect } from 'node:net';
import type { Socket } from 'node:net';

interface Pending {
  name: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class MarionetteClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private helloWaiter: ((hello: unknown) => void) | null = null;
  private closedError: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      this.closedError = error;
      for (const p of this.pending.values()) p.reject(new Error(`Marionette ${p.name}: ${error.message}`));
      this.pending.clear();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  /** Connects (retrying while Firefox starts) and waits for the server's hello. */
  static async connect(port: number, timeoutMs = 20_000): Promise<{ client: MarionetteClient; hello: unknown }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new MarionetteClient(socket);
        const hello = await new Promise<unknown>((resolve, reject) => {
          client.helloWaiter = resolve;
          setTimeout(() => reject(new Error('no Marionette hello within 5 s')), 5_000).unref();
        });
        return { client, hello };
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`could not reach Marionette on port ${port}: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a); // ':'
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isInteger(length) || length < 0) {
        this.socket.destroy(new Error('bad Marionette frame'));
        return;
      }
      if (this.buffer.length < colon + 1 + length) return;
      const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as unknown;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: unknown): void {
    if (!Array.isArray(message)) {
      this.helloWaiter?.(message);
      this.helloWaiter = null;
      return;
    }
    const [type, id, error, result] = message as [number, number, { error?: string; message?: string } | null, unknown];
    if (type !== 1) return;
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (error) pending.reject(new Error(`Marionette ${pending.name}: ${error.error ?? 'error'}: ${(error.message ?? '').split('\n')[0]}`));
    else pending.resolve(result);
  }

  send<T = unknown>(name: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedError) return Promise.reject(new Error(`Marionette ${name}: ${this.closedError.message}`));
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (value: unknown) => void, reject });
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    });
  }

  async setContext(context: 'chrome' | 'content'): Promise<void> {
    await this.send('Marionette:SetContext', { value: context });
  }

  /** Runs `script` (a function body; `arguments` holds args; a returned promise is awaited) and returns its value. */
  async execute<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    const reply = await this.send<{ value: T }>('WebDriver:ExecuteScript', { script, args });
    return reply.value;
  }

  close(): void {
    this.socket.destroy();
  }
}
