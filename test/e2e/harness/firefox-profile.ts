// A fresh firefox-esr profile for one test: a free Marionette port and the user.js preferences that send the
// world's hosts to local proxies and keep Firefox quiet (no updates, telemetry, first-run pages).
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function userJs(
  marionettePort: number,
  proxyPort: number,
  hosts: string[],
  sslProxyPort?: number,
  extraPrefs: Record<string, string | number | boolean> = {},
): string {
  const prefs: Record<string, string | number | boolean> = {
    'marionette.port': marionettePort,
    // Every http:// request goes to the local world server, which answers by Host name.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.dns.localDomains': hosts.join(','),
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'dom.security.https_only_mode': false,
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'devtools.chrome.enabled': true,
    'devtools.toolbox.host': 'bottom',
    'devtools.everOpened': true,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.startup.page': 0,
    'browser.aboutwelcome.enabled': false,
    'startup.homepage_welcome_url': 'about:blank',
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.ping-centre.telemetry': false,
  };
  if (sslProxyPort !== undefined) {
    // Every https:// request becomes a CONNECT to this proxy, which tunnels the world's hosts to the world.
    prefs['network.proxy.ssl'] = '127.0.0.1';
    prefs['network.proxy.ssl_port'] = sslProxyPort;
    prefs['network.proxy.share_proxy_settings'] = false;
    // No DNS-over-HTTPS or HTTPS-record lookups for the world's names: the proxy resolves them.
    prefs['network.trr.mode'] = 5;
    prefs['network.dns.disablePrefetch'] = true;
    prefs['network.predictor.enabled'] = false;
    prefs['security.OCSP.enabled'] = 0;
  }
  Object.assign(prefs, extraPrefs);
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}
