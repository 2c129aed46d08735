// The service worker that makes the calculator an offline app (registered by offline.js).
//
// On install it stores every file of the build (the page, its scripts and styles, the engine's .wasm and
// glue, library.json, the manifest and icons) in one cache named after the build's content hash, each
// checked against its SHA-256 (subresource integrity): either the whole build is stored, byte for byte, or
// the install fails and the previous version stays in charge. The `lazy` files (the author engine, which
// only author mode loads) are stored the first time the page asks for them, checked the same way, so a
// first visit does not download them and author mode opened once works offline after. On activate it deletes the caches of older
// builds. Then it answers the page's requests for those files from the cache, so the page reopens and
// computes without network. Anything else goes to the network untouched and is never stored; requests to
// other origins (the page makes none) are not even looked at.
//
// web/build.mjs replaces the BUILD line below with the build's hash and its files (the copy in web/src
// stores nothing, so serving web/src as it is works as a plain page).
const BUILD = { version: 'dev', assets: [], lazy: [] };

const PREFIX = 'yardstick-';
const CACHE = PREFIX + BUILD.version;
const SCOPE = new URL(self.registration.scope);
const INDEX = new URL('index.html', SCOPE).href;
const LAZY = new Map(BUILD.lazy.map(a => [new URL(a.url, SCOPE).href, a.integrity]));

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `no-cache`: the server is asked each time (a small 304 when the browser already has the file), so a
    // stale copy from the HTTP cache is never stored; `integrity`: the bytes must be the build's.
    await cache.addAll(BUILD.assets.map(a => new Request(new URL(a.url, SCOPE), {
      cache: 'no-cache', credentials: 'same-origin', integrity: a.integrity,
    })));
    // The page loads all it needs at start, so a new build may take over at once: the next load uses it.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  event.respondWith(answer(req, url));
});

async function answer(req, url) {
  // The build's files are stored without query or fragment; the page itself also answers for its folder.
  let key = url.origin + url.pathname;
  if (req.mode === 'navigate' && key === SCOPE.href) key = INDEX;
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key, { ignoreVary: true });
  if (hit) return hit;
  const later = LAZY.get(key);
  if (!later) return fetch(req);
  // A file of the build stored on first use: the build's bytes or nothing (a failed integrity check
  // rejects, as a failed fetch does).
  const res = await fetch(new Request(key, { cache: 'no-cache', credentials: 'same-origin', integrity: later }));
  if (res.ok) await cache.put(key, res.clone());
  return res;
}
