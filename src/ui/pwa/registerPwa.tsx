/// <reference types="vite-plugin-pwa/client" />
/**
 * The service worker (vite.config.ts: vite-plugin-pwa, registerType 'prompt'): registered from this
 * module, which src/app/main.tsx imports lazily after the lab is on screen, so neither it nor
 * workbox-window (which `virtual:pwa-register` itself imports lazily) weighs on the first load, and
 * no inline script is needed (the page's CSP allows none). A new version waits until the user chooses
 * "Reload" in the prompt: a lesson is never reloaded under the learner's feet.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { offerUpdate } from './updateState.ts';

export function registerPwa(): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    onNeedRefresh: () => offerUpdate(() => void update(true)),
  });
  const host = document.createElement('div');
  host.className = 'pwa-host';
  document.body.append(host);
  createRoot(host).render(
    <StrictMode>
      <UpdatePrompt />
    </StrictMode>,
  );
}
