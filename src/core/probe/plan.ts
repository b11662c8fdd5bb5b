/**
 * Which variants the probe sends after the baseline, each decided from the answers so far (at most 3 more):
 * - a canary hub; refused: a second canary, then a request that must succeed again (the pipeline variant when there
 *   is one, else the baseline again), so two refusals are not an expiring credential;
 * - not refused: the request without its hub (when it names one), then the pipeline variant.
 */
import type { ProbeVariantReport } from '../types';
import type { VariantChange } from './variants';

/** Sends one variant and returns what it got. */
export type SendVariant = (name: string, change: VariantChange) => Promise<ProbeVariantReport>;

export function randomCanary(): string {
  const bytes = new Uint8Array(4);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `chi-canary-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isDefault(pipeline: string | null): boolean {
  return pipeline !== null && pipeline.trim().toLowerCase() === 'default';
}

/**
 * The pipeline variant: what a visitor who edits `pipeline` gets. "default" when the baseline went elsewhere;
 * without the request's own pipeline when the baseline went to the default one; none when neither applies.
 */
export function pipelineVariant(baselinePipeline: string | null, capturedPipeline: string | null): VariantChange | null {
  if (baselinePipeline !== null && !isDefault(baselinePipeline)) return { pipeline: 'default' };
  if (capturedPipeline !== null) return { pipeline: null };
  return null;
}

/** A canary is never the captured hub (then a refusal would not be about the hub). */
export function canaryPicker(canary: () => string, capturedHub: string | null): () => string {
  return (): string => {
    const hub = canary();
    return capturedHub !== null && hub.trim().toLowerCase() === capturedHub.trim().toLowerCase() ? randomCanary() : hub;
  };
}

export interface VariantPlan {
  /** The hub the captured request names (body or URL), or null. */
  capturedHub: string | null;
  pipelineChange: VariantChange | null;
  pickCanary: () => string;
  /** Adds `debug: true` to the first canary. */
  debug: boolean;
}

/** Sends the variants after the baseline. Returns whether the canary hub was refused twice. */
export async function sendVariants(sendVariant: SendVariant, plan: VariantPlan): Promise<{ canaryRefusedTwice: boolean }> {
  const { capturedHub, pipelineChange, pickCanary } = plan;
  const canaryHub = pickCanary();
  const first = await sendVariant('canary', { hub: canaryHub, debug: plan.debug });
  let canaryRefusedTwice = false;
  if (first.result === 'refused') {
    const again = await sendVariant('canary-again', { hub: pickCanary() });
    canaryRefusedTwice = again.result === 'refused';
    // The fourth request proves the credential still works: the pipeline variant when there is one, else the baseline.
    if (canaryRefusedTwice) {
      if (pipelineChange) await sendVariant('pipeline', pipelineChange);
      else await sendVariant('baseline-again', {});
    }
  } else if (capturedHub !== null) {
    await sendVariant('no-hub', { hub: null });
    if (pipelineChange) await sendVariant('pipeline', pipelineChange);
  } else if (pipelineChange) {
    await sendVariant('pipeline', pipelineChange);
  }
  return { canaryRefusedTwice };
}
