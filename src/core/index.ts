// The public surface of the core: pure TypeScript, no browser or Node APIs.
export * from './types';
export { parseHar, HarError } from './har';
export {
  analyzeEntry,
  analyzeEntries,
  analyzeEach,
  analyzeAll,
  callKindOf,
  needsResponseBody,
  entryProblem,
  malformedEntry,
  type AnalyzeOptions,
  type AnalyzedSource,
  type PipelineOptions,
  type PipelineStep,
} from './analyze';
export { summarize, buildReport, analyzeHar, type BuildOptions } from './report-model';
export { harContext, captureSpan, PageUrlHint } from './report/context';
export { extractRawCredentials, type RawCredential } from './credentials';
export { fingerprint, redactUrl, shortHash } from './redact';
export { decodeBase64 } from './response';
export { RULES, type RuleInfo } from './rules';
export { renderJson, renderMarkdown, renderText, type TextOptions, type RenderOptions } from './report';
export { TOOL_VERSION } from './version';
export * from './probe/index';
