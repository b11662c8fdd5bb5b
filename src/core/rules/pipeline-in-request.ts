import { kindWord } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

const WHERE: Record<string, string> = { json: 'JSON body', searchContext: 'searchContext', form: 'form body', url: 'URL query' };

export const pipelineInRequest: CallRule = {
  id: 'pipeline-in-request',
  severity: 'warning',
  scope: 'call',
  title: 'The request names its query pipeline',
  why: "A pipeline named by the request routes the query ahead of the hub's pipeline conditions, and anyone can edit it; a token's searchHub claim beats it only when some pipeline has a condition on that hub, which the browser cannot see.",
  fix: "Stop sending pipeline from the page and route by a pipeline condition on the hub the token enforces; to pin a pipeline, put it in the search token's pipeline claim instead.",
  docs: DOCS.pipelineRouting,
  check({ call, request, hubApplies }) {
    // A token pipeline claim wins over everything, the request's pipeline included.
    if (!hubApplies || !request.pipelineNamed || call.pipeline.token !== null) return null;
    const named = call.pipeline.request !== null ? `pipeline "${call.pipeline.request}"` : 'a pipeline';
    const where = request.pipelineSource ? ` in its ${WHERE[request.pipelineSource] ?? request.pipelineSource}` : '';
    const answered = call.response.pipeline !== null ? `Coveo answered with pipeline "${call.response.pipeline}"` : 'the response names no pipeline';
    const consequence =
      call.searchHub.token !== null
        ? `the token's hub claim "${call.searchHub.token}" decides only if some pipeline has a condition on that hub`
        : 'routing is client-controlled: anyone can name another pipeline';
    return `This ${kindWord(call.kind)} call names ${named}${where}; ${answered}; ${consequence}.`;
  },
};
