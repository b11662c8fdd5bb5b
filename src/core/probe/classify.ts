/**
 * What one answer to a probe request says: routed (with its pipeline), refused, expired credential, transient
 * failure. Only 400, 401 and 403 can be refusals of the hub; a success counts as a Coveo answer only when it looks
 * like one.
 */
import type { ProbeResult } from '../types';
import type { ProbeResponse } from './seam';

export interface Classified {
  result: ProbeResult;
  status: number | null;
  bodyStatus: number | null;
  pipeline: string | null;
  detail: string | null;
  /** The body is a JSON object (Coveo answers and refuses in JSON; a WAF, CDN or login page does not). */
  json: boolean;
  /** A success that is a Coveo answer: names a pipeline, or carries results, a count or completions. */
  answer: boolean;
}

/** The 4xx answers that can mean "this hub is not allowed" (others: wrong path, method, size, policy...). */
const REFUSALS = new Set([400, 401, 403]);

function bounded(text: string, max = 200): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The routing lines of a debug `executionReport`: its ResolvePipeline and PerformAuthentication sections. */
export function routingFromExecutionReport(report: unknown): string | null {
  const found: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (found.length >= 4 || depth > 12 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 200)) walk(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : '';
    if (/^(ResolvePipeline|PerformAuthentication)$/i.test(name)) {
      const parts: string[] = [];
      for (const key of ['description', 'result', 'queryRestrictions', 'pipeline']) {
        if (o[key] !== undefined) parts.push(`${key}: ${typeof o[key] === 'string' ? o[key] : JSON.stringify(o[key])}`);
      }
      found.push(bounded(`${name} ${parts.join('; ')}`.trim(), 300));
    }
    for (const value of Object.values(o)) if (value !== null && typeof value === 'object') walk(value, depth + 1);
  };
  walk(report, 0);
  return found.length > 0 ? found.join(' | ') : null;
}

/** What one answer says: routed (with its pipeline), refused, expired credential, transient failure. */
export function classifyResponse(res: ProbeResponse): Classified {
  if ('error' in res) {
    return {
      result: res.error === 'timeout' ? 'timeout' : 'failed',
      status: null,
      bodyStatus: null,
      pipeline: null,
      detail: bounded(res.message),
      json: false,
      answer: false,
    };
  }
  let body: Record<string, unknown> | null = null;
  if (typeof res.body === 'string' && res.body.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(res.body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
  }
  const bodyStatus = body && typeof body.statusCode === 'number' && Number.isInteger(body.statusCode) ? body.statusCode : null;
  // search-ui's errorsAsSuccess: HTTP 200 with the error in the body. The body's status is the one that counts.
  const effective = bodyStatus !== null && bodyStatus >= 400 ? bodyStatus : res.status;
  const message = body ? [body.type, body.message].filter((v) => typeof v === 'string' && v !== '').join(': ') : '';
  const base = { status: res.status, bodyStatus, json: body !== null, answer: false };
  if (effective >= 200 && effective < 300) {
    const pipeline = body && typeof body.pipeline === 'string' && body.pipeline.trim() !== '' ? body.pipeline : null;
    const debug = body ? routingFromExecutionReport(body.executionReport) : null;
    if (pipeline === null) {
      const answer = body !== null && (Array.isArray(body.results) || typeof body.totalCount === 'number' || Array.isArray(body.completions));
      return {
        ...base,
        answer,
        result: 'no-pipeline',
        pipeline: null,
        detail: !body ? 'the answer is not a JSON object' : answer ? 'the answer names no pipeline' : 'the answer names no pipeline and is not a search answer',
      };
    }
    return { ...base, answer: true, result: 'routed', pipeline, detail: debug };
  }
  const detail = message !== '' ? bounded(message) : `HTTP ${effective}`;
  if (effective === 419 || (effective === 401 && /expired/i.test(message))) return { ...base, result: 'expired', pipeline: null, detail };
  if (REFUSALS.has(effective)) return { ...base, result: 'refused', pipeline: null, detail };
  // 404, 405, 413, 415... name something else than the hub (and 408, 429 are transient): a failure, not a refusal.
  return {
    ...base,
    result: 'failed',
    pipeline: null,
    detail: effective >= 400 && effective < 500 && detail === `HTTP ${effective}` ? `HTTP ${effective}, not a refusal of the hub` : detail,
  };
}
