// The permission page Firefox needs: DevTools pages there have no `permissions` API, so the panel has the
// background open this page, whose button asks the browser for one exact origin (a click is required).
import { extensionBrowser } from '../devtools/browser';

const permissions = extensionBrowser.permissions as typeof extensionBrowser.permissions | undefined;

function validOrigin(value: string | null): string | null {
  if (value === null) return null;
  try {
    const u = new URL(`${value}/`);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === value && u.username === '' ? u.origin : null;
  } catch {
    return null;
  }
}

const origin = validOrigin(new URLSearchParams(location.search).get('origin'));
const text = document.getElementById('text') as HTMLElement;
const button = document.getElementById('allow') as HTMLButtonElement;
const status = document.getElementById('status') as HTMLElement;

if (!origin || !permissions) {
  text.textContent = 'Nothing to allow: this page was opened without a valid origin.';
  button.hidden = true;
} else {
  text.textContent = `Coveo Hub Inspector asks to send the routing probe you confirmed in DevTools to ${origin}, and nowhere else.`;
  button.textContent = `Allow ${origin}`;
  button.addEventListener('click', () => {
    permissions.request({ origins: [`${origin}/*`] }).then(
      (ok) => {
        status.textContent = ok ? 'Allowed. The probe is being sent; this window closes by itself.' : 'Not allowed: nothing will be sent.';
        if (ok) setTimeout(() => window.close(), 800);
      },
      (error: unknown) => {
        status.textContent = `The browser refused: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
}
