import { keyName } from '../privileges';
import type { OrgApiKey, OrgPipeline } from '../types';
import type { OrgSubject } from './types';

export const pipelineSubject = (p: OrgPipeline): OrgSubject => ({ type: 'pipeline', id: p.id, name: p.name });
export const keySubject = (k: OrgApiKey): OrgSubject => ({ type: 'api-key', id: k.id, name: keyName(k) });
/** A name quoted in a message, bounded. */
export function q(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** A condition or rule definition quoted in a message: bounded, between typographic quotes (no escaping needed). */
export function cond(text: string): string {
  return `“${text.length > 300 ? `${text.slice(0, 300)}…` : text}”`;
}
