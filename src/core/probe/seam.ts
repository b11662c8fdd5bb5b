/**
 * The one seam between the probe's pure core and the network: `send(request) → response`. The CLI gives a Node
 * transport, the extension a background-script one, the tests a table of answers. Nothing else leaves the core.
 */

export interface ProbeRequest {
  /** The variant's name (`baseline`, `canary`, ...), for logs and tests. */
  variant: string;
  url: string;
  method: string;
  /** The headers the client sent, minus those a transport may not set (see `dropHeader`). */
  headers: [string, string][];
  body: string;
  /** The transport gives up after this many milliseconds and answers `{ error: 'timeout' }`. */
  timeoutMs: number;
}

export type ProbeResponse =
  | { status: number; body: string }
  /** No answer: a timeout, or the connection failed (message says how). */
  | { error: 'timeout' | 'network'; message: string };

export type ProbeSend = (request: ProbeRequest) => Promise<ProbeResponse>;
