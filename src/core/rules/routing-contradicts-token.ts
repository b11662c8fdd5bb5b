import { kindWord } from '../report/words';
import { contradictsPipelineClaim } from '../verdict';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const routingContradictsToken: CallRule = {
  id: 'routing-contradicts-token',
  severity: 'warning',
  scope: 'call',
  title: "Coveo's answer contradicts the token's pipeline claim",
  why: "A token's pipeline claim is supposed to pin routing, yet Coveo answered from another pipeline (and no A/B test explains it): the claim did not decide where this query went, so it is no proof of enforced routing.",
  fix: 'Check that the pipeline the token names exists under that exact name in the organization, and that the token is minted with it; until the answers agree with the claim, treat routing as client-controlled.',
  docs: DOCS.routingAlgorithm,
  check({ call, hubApplies }) {
    if (!hubApplies || call.pipeline.token === null) return null;
    if (!contradictsPipelineClaim(call.pipeline.token, call.response.pipeline, call.response.splitTestRun)) return null;
    const requested = call.pipeline.request !== null ? ` (the request named "${call.pipeline.request}")` : '';
    return `The token claims pipeline "${call.pipeline.token}", but Coveo answered this ${kindWord(call.kind)} call from pipeline "${call.response.pipeline}"${requested}.`;
  },
};
