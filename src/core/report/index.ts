// Report renderers: pure functions from a `Report` to text. Each scrubs credential-shaped strings as a last
// line of defence and neutralises page-controlled text for its medium.
export { renderJson } from './json';
export { renderMarkdown } from './markdown';
export { renderText, type TextOptions } from './text';
export { renderCallMarkdown, renderFindingMarkdown } from './call';
export type { RenderOptions } from './common';
