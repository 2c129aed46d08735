// Makes the calculator an offline app: registers the service worker (sw.js), which keeps a copy of the whole
// build so the page reopens and computes without network. Registered once the page has loaded its engine,
// so that the worker's copy is a cheap revalidation (304) rather than a second download.
// The outcome is in `window.yardstickOffline.status`: 'registering', 'ready' (a worker is active: the next
// load works offline), 'unsupported' (no service workers here: e.g. a page opened from file:// or over plain
// http from another host) or 'failed' (with `error`).
const state = { status: 'registering', error: null };
window.yardstickOffline = state;

function engineLoaded() {
  // The .wasm is the largest file: wait for the page to have fetched it (at most 30 s).
  const has = () => performance.getEntriesByType('resource').some(e => e.name.endsWith('.wasm'));
  return new Promise(resolve => {
    if (has()) { resolve(); return; }
    const obs = new PerformanceObserver(() => { if (has()) { obs.disconnect(); resolve(); } });
    obs.observe({ type: 'resource' });
    setTimeout(() => { obs.disconnect(); resolve(); }, 30_000);
  });
}

async function register() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) { state.status = 'unsupported'; return; }
  if (document.readyState !== 'complete') await new Promise(r => window.addEventListener('load', r, { once: true }));
  await engineLoaded();
  try {
    const reg = await navigator.serviceWorker.register(new URL('./sw.js', import.meta.url),
      { scope: new URL('./', import.meta.url).href, type: 'classic', updateViaCache: 'none' });
    await navigator.serviceWorker.ready;
    state.status = 'ready';
    state.scope = reg.scope;
  } catch (e) {
    state.status = 'failed';
    state.error = String(e && e.message || e);
    console.warn('offline use unavailable:', state.error);
  }
}

register();
