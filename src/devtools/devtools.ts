// The manifest's devtools page: runs as soon as DevTools opens, before the panel is ever shown.
import { startDevtools } from './bridge';
import { extensionBrowser } from './browser';
import { createRealPlatform } from './platform';
import { trace, tracedPlatform } from './trace';

const real = createRealPlatform(extensionBrowser.devtools);
const e2e = typeof __E2E__ !== 'undefined' && __E2E__;
if (e2e) trace('devtools page');
const platform = e2e ? tracedPlatform(real) : real;
startDevtools(platform).catch((error: unknown) => {
  console.error(`Coveo Hub Inspector: could not create the panel: ${error instanceof Error ? error.message : String(error)}`);
});
