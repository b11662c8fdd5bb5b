/**
 * The extension's handle on the browser: the promise-based `browser.*` namespace, Firefox's own or Chrome's
 * `chrome.*` wrapped by webextension-polyfill, typed from the library's own types. Only the extension's entry
 * scripts import this module (the polyfill refuses to load outside an extension page); the code they start takes
 * the namespace as a parameter, so tests and the demo hand it a stand-in instead.
 */
import browser from 'webextension-polyfill';

export type { Browser, Devtools, Permissions, Runtime } from 'webextension-polyfill';

export const extensionBrowser: import('webextension-polyfill').Browser = browser;
