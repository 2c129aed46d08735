// The calculator as an offline app, in Debian's headless Chromium (playwright-core, /usr/bin/chromium). Serves a
// copy of web/dist on 127.0.0.1 (its own server, stopped at the end) and checks:
//   - the first visit: the page registers its service worker (src/sw.js), which stores the whole build, byte
//     for byte, in one cache named after the build's version, and takes control of the page;
//   - offline: with the browser offline, a reload (and opening the folder URL) still shows the form and
//     computes (a known failing case), screenshot test-output/offline-reload.png; nothing reaches the server;
//   - a new build: a changed sw.js installs a new cache, and activating it deletes the older ones;
//   - the manifest: linked from the page, parsed by Chromium without errors, names in zh and en, icons that
//     exist at the sizes they declare; Chromium finds the app installable;
//   - compression: the .wasm, the scripts, the styles and library.json come with Content-Encoding br or gzip,
//     with Vary and ETag (a 304 on revalidation); the page also works when served uncompressed;
//   - the page weight (bytes transferred on a first visit, compressed) and the time to a usable form at phone
//     size (390×844) with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), first visit and offline
//     reload; both printed, each under a budget below;
//   - no request leaves 127.0.0.1, from the page or the worker; no console errors.
// Prints `N passed, M failed`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });
const vetoed = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'assessments', 'city-vetoed-pre2014.json'), 'utf8'));

// Budgets: bytes transferred on a first visit (the page's own requests, compressed, headers included), and
// milliseconds from navigation to a usable form at phone size with the CPU 4× slower, on loopback.
const WEIGHT_BUDGET = 400_000;
const USABLE_BUDGET_MS = 15_000;

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
};
const attempt = async (name, fn) => {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message || e).split('\n')[0]); }
};

// A copy of the build, so that the update test can change its sw.js.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-site-'));
fs.cpSync(path.join(web, 'dist'), site, { recursive: true, preserveTimestamps: true });
const swText = fs.readFileSync(path.join(site, 'sw.js'), 'utf8');
const build = JSON.parse(swText.match(/^const BUILD = (\{[\s\S]*?\});$/m)[1]);

let { server, url: base, log } = await serve(site);
const port = server.address().port;
/** Truly offline: the browser says so and the server is gone; back on the same port (same origin) after. */
async function serverDown() { await new Promise(r => { server.close(r); server.closeAllConnections(); }); }
async function serverUp() { ({ server } = await serve(site, port)); server.on('request', req => log.push({ url: req.url, status: 'after restart' })); }
const identity = await serve(site, 0, { compress: false });

const tmpDirs = [];
const contexts = [];
const errors = [];
const foreign = [];
let workerRequests = 0;   // requests seen from the service worker: the watch covers it
const local = u => u.startsWith(base) || u.startsWith(identity.url) || u.startsWith('data:') || u.startsWith('blob:');
async function launch(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-chromium-'));
  tmpDirs.push(dir);
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
    timeout: 60_000,
    ...options,
  });
  contexts.push(ctx);
  // Requests of the pages and of the service worker (Chromium reports both on the context).
  ctx.on('request', r => { if (r.serviceWorker()) workerRequests++; if (!local(r.url())) foreign.push(r.url()); });
  ctx.on('weberror', e => errors.push(String(e.error())));
  ctx.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  return ctx;
}
const ready = page => page.waitForFunction(() => window.yardstick !== undefined, null, { timeout: 60_000 })
  .then(() => page.evaluate(() => ({ ready: window.yardstick.ready, error: window.yardstick.error })))
  .then(r => { if (!r.ready) throw new Error(`the page did not start: ${r.error}`); });
const field = id => `[data-input="${id}"]`;
async function fillVetoed(page) {
  await page.selectOption('#standard', 'cn.sanitary_city.national');
  await page.selectOption('#version', 'pre-2014');
  for (const [id, v] of Object.entries(vetoed.inputs)) {
    const sel = field(id);
    if (await page.$eval(sel, e => e.tagName) === 'SELECT') await page.selectOption(sel, String(v));
    else await page.fill(sel, String(v));
  }
}
const outcome = page => page.getAttribute('#outcome', 'data-outcome');
const controlled = page => page.waitForFunction(
  () => window.yardstickOffline?.status === 'ready' && navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });

/** Records, through CDP, every response of a page: url, status, headers, bytes on the wire, from the worker. */
async function recorder(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map();
  cdp.on('Network.responseReceived', e => byId.set(e.requestId, {
    url: e.response.url, status: e.response.status, headers: Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v])),
    fromWorker: !!e.response.fromServiceWorker, bytes: 0,
  }));
  cdp.on('Network.loadingFinished', e => { const r = byId.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
  return { cdp, responses: () => [...byId.values()] };
}
const total = rs => rs.reduce((s, r) => s + r.bytes, 0);
const kb = n => `${(n / 1000).toFixed(1)} KB`;

let weight = null, phone = null;
try {
  // ------------------------------------------------------------------ first visit, then offline
  const ctx = await launch();
  const page = ctx.pages()[0] || await ctx.newPage();
  const rec = await recorder(page);
  const logStart = log.length;
  await attempt('first visit', async () => {
    await page.goto(base + 'index.html');
    await ready(page);
    check('the page starts on a first visit', true);
    await controlled(page);
    check('the service worker is registered and controls the page', true);
    const keys = await page.evaluate(() => caches.keys());
    check(`one cache, named after the build (yardstick-${build.version})`, keys.length === 1 && keys[0] === `yardstick-${build.version}`, keys);
    const stored = await page.evaluate(async name => (await (await caches.open(name)).keys()).map(r => r.url), keys[0]);
    const want = build.assets.map(a => base + a.url).sort();
    check(`the cache holds the whole build (${want.length} files: page, scripts, styles, engine, library, manifest, icons)`,
      JSON.stringify(stored.sort()) === JSON.stringify(want), { stored, want });
    const lazyWant = build.lazy.map(a => a.url).sort();
    check(`the author engine and editor are stored only when first used (${lazyWant.join(', ')})`,
      JSON.stringify(lazyWant) === JSON.stringify(['author-editor.js', 'author-engine.js', 'pkg-author/yardstick_wasm.js', 'pkg-author/yardstick_wasm_bg.wasm'])
        && !stored.some(u => u.includes('pkg-author') || u.includes('author-editor')), lazyWant);
    for (const f of ['index.html', 'app.js', 'engine.js', 'offline.js', 'style.css', 'library.json', 'manifest.webmanifest',
      'pkg/yardstick_wasm.js', 'pkg/yardstick_wasm_bg.wasm']) {
      if (!want.includes(base + f)) check(`the build stores ${f}`, false);
    }
    const wasmOk = await page.evaluate(async u => {
      const r = await (await caches.open((await caches.keys())[0])).match(u);
      return r && r.headers.get('content-type') === 'application/wasm' && (await r.arrayBuffer()).byteLength;
    }, base + 'pkg/yardstick_wasm_bg.wasm');
    check(`the stored .wasm is whole (${wasmOk} bytes, application/wasm)`, wasmOk === fs.statSync(path.join(site, 'pkg/yardstick_wasm_bg.wasm')).size, wasmOk);

    const rs = rec.responses();
    const pageBytes = total(rs);
    const served = log.slice(logStart);
    const full = served.filter(r => r.status === 200).reduce((s, r) => s + r.bytes, 0);
    weight = { pageBytes, requests: rs.length, servedBodies: full, revalidated: served.filter(r => r.status === 304).length, servedRequests: served.length };
    check(`first visit: ${kb(pageBytes)} transferred by the page (${rs.length} requests, compressed, headers included), budget ${kb(WEIGHT_BUDGET)}`,
      pageBytes > 0 && pageBytes <= WEIGHT_BUDGET, rs.map(r => [r.url, r.bytes]));
    check(`… and the worker's copy of the build costs revalidations, not a second download (${served.length} requests, ${weight.revalidated} answered 304, ${kb(full)} of bodies in all)`,
      full <= pageBytes * 1.25, served);
    for (const f of ['pkg/yardstick_wasm_bg.wasm', 'app.js', 'pkg/yardstick_wasm.js', 'style.css', 'library.json']) {
      const r = rs.find(x => x.url === base + f);
      check(`${f} is served compressed (${r?.headers['content-encoding']}, ${r?.bytes} bytes on the wire), with Vary and ETag`,
        r && ['br', 'gzip'].includes(r.headers['content-encoding']) && /accept-encoding/i.test(r.headers.vary || '') && !!r.headers.etag,
        r && r.headers);
    }
    const w = rs.find(x => x.url === base + 'pkg/yardstick_wasm_bg.wasm');
    check('the .wasm is application/wasm', w && w.headers['content-type'] === 'application/wasm', w && w.headers);
  });

  await attempt('offline reload', async () => {
    // Author mode once, online: the worker stores the author engine then.
    await page.click('#mode-author');
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 15_000 });
    const lazyStored = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).keys()).map(r => r.url));
    check('author mode opened online: the worker stored the author engine',
      build.lazy.every(a => lazyStored.includes(base + a.url)), lazyStored.filter(u => u.includes('author')));
    await page.click('#mode-calc');
    await ctx.setOffline(true);
    await serverDown();
    const down = await fetch(base).then(() => 'answered', () => 'refused');
    await page.reload();
    await ready(page);
    check(`offline (browser offline, server stopped: ${down}): the page reloads, served by the worker`,
      down === 'refused' && await page.evaluate(() => navigator.serviceWorker.controller !== null));
    const fields = await page.$$eval('#form [data-input]', es => es.length);
    check(`offline: the form is there (${fields} fields)`, fields > 0, fields);
    await fillVetoed(page);
    check('offline: an evaluation works (the vetoed pre-2014 case fails)', await outcome(page) === 'fail', await outcome(page));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(out, 'offline-reload.png'), fullPage: true });
    check('screenshot test-output/offline-reload.png', fs.statSync(path.join(out, 'offline-reload.png')).size > 10_000);
    await page.goto(base);   // the folder URL, as a home-screen icon or a bookmark may open it
    await ready(page);
    check('offline: the folder URL opens the page too', (await page.$$eval('#form [data-input]', es => es.length)) > 0);
    await page.click('#mode-author');
    await page.waitForFunction(() => /没有发现问题|未能载入/.test(document.querySelector('#diag-summary').textContent), null, { timeout: 15_000 });
    const offlineAuthor = await page.textContent('#diag-summary');
    check('offline: author mode checks the text (its engine from the worker)', offlineAuthor.includes('没有发现问题'), offlineAuthor);
    await page.click('#mode-calc');
    await serverUp();
    await ctx.setOffline(false);
  });

  // ------------------------------------------------------------------ a new build retires the old cache
  await attempt('update', async () => {
    await page.evaluate(async () => { await (await caches.open('yardstick-0123456789abcdef')).put('/stale', new Response('old')); });
    const newVersion = 'f'.repeat(16);
    fs.writeFileSync(path.join(site, 'sw.js'), swText.replace(`"version": "${build.version}"`, `"version": "${newVersion}"`));
    const keysBefore = await page.evaluate(() => caches.keys());
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    let keys = null;
    for (let i = 0; i < 100; i++) {
      keys = await page.evaluate(() => caches.keys());
      if (keys.length === 1 && keys[0] === `yardstick-${newVersion}`) break;
      await new Promise(r => setTimeout(r, 200));
    }
    check(`a new build installs its own cache and deletes the older ones on activate (${keysBefore.join(', ')} → ${keys.join(', ')})`,
      keysBefore.length === 2 && keys.length === 1 && keys[0] === `yardstick-${newVersion}`, { keysBefore, keys });
    await page.reload();
    await ready(page);
    check('… and the page runs from it', await page.evaluate(() => navigator.serviceWorker.controller !== null));
    fs.writeFileSync(path.join(site, 'sw.js'), swText);
  });

  // ------------------------------------------------------------------ the manifest
  await attempt('manifest', async () => {
    const href = await page.$eval('link[rel="manifest"]', l => l.href);
    check('the page links its manifest', href === base + 'manifest.webmanifest', href);
    const m = await rec.cdp.send('Page.getAppManifest');
    check('Chromium parses the manifest without errors', m.url === href && m.errors.length === 0 && !!m.data, m.errors);
    const j = JSON.parse(m.data);
    check('names in Chinese and English', /自评计算器/.test(j.name) && /calculator/i.test(j.name)
      && /自评计算器/.test(j.name_localized?.['zh-CN'] || '') && /calculator/.test(j.name_localized?.en || '') && !!j.short_name, j.name);
    check('standalone, starts at the page, within its folder', j.display === 'standalone' && j.start_url === './index.html' && j.scope === './', j);
    const mf = log.filter(r => r.url === '/manifest.webmanifest').pop();
    const mfType = await page.evaluate(async () => (await fetch('manifest.webmanifest', { cache: 'no-store' })).headers.get('content-type'));
    check('served as application/manifest+json', /^application\/manifest\+json/.test(mfType), [mfType, mf]);
    for (const icon of j.icons) {
      const got = await page.evaluate(async src => {
        const r = await fetch(src);
        const b = new Uint8Array(await r.arrayBuffer());
        return { ok: r.ok, type: r.headers.get('content-type'), head: Array.from(b.slice(0, 24)), text: new TextDecoder().decode(b.slice(0, 200)) };
      }, icon.src);
      let ok = got.ok && got.type.startsWith(icon.type);
      if (icon.type === 'image/png') {
        const dv = new DataView(Uint8Array.from(got.head).buffer);
        ok &&= dv.getUint32(0) === 0x89504e47 && `${dv.getUint32(16)}x${dv.getUint32(20)}` === icon.sizes;
      } else ok &&= got.text.startsWith('<svg');
      check(`icon ${icon.src} (${icon.sizes}, ${icon.purpose}) exists as declared`, ok, got.type);
    }
    check('a 512×512 maskable icon', j.icons.some(i => i.purpose === 'maskable' && i.sizes === '512x512'));
    const inst = await rec.cdp.send('Page.getInstallabilityErrors').catch(e => ({ failed: String(e) }));
    check('Chromium finds the app installable (no installability errors)', Array.isArray(inst.installabilityErrors) && inst.installabilityErrors.length === 0, inst);
  });

  // ------------------------------------------------------------------ revalidation
  await attempt('revalidation', async () => {
    const r = await fetch(base + 'pkg/yardstick_wasm_bg.wasm', { headers: { 'accept-encoding': 'br' } });
    const tag = r.headers.get('etag');
    await r.arrayBuffer();
    const again = await fetch(base + 'pkg/yardstick_wasm_bg.wasm', { headers: { 'accept-encoding': 'br', 'if-none-match': tag } });
    check('an unchanged file revalidates with a 304 (ETag per coding)', r.headers.get('content-encoding') === 'br' && again.status === 304, [tag, again.status]);
    const g = await fetch(base + 'app.js', { headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    const plain = await fetch(base + 'app.js', { headers: { 'accept-encoding': 'identity' } });
    check('gzip when brotli is refused (q=0), the file itself for identity',
      g.headers.get('content-encoding') === 'gzip' && plain.headers.get('content-encoding') === null
        && (await plain.text()) === fs.readFileSync(path.join(site, 'app.js'), 'utf8'), [g.headers.get('content-encoding'), plain.headers.get('content-encoding')]);
  });
  await ctx.close();

  // ------------------------------------------------------------------ served uncompressed
  await attempt('uncompressed', async () => {
    const c2 = await launch();
    const p2 = c2.pages()[0] || await c2.newPage();
    const rec2 = await recorder(p2);
    await p2.goto(identity.url + 'index.html');
    await ready(p2);
    await fillVetoed(p2);
    const rs = rec2.responses();
    const enc = rs.filter(r => r.headers['content-encoding']);
    check(`served uncompressed, the page works the same (${kb(total(rs))} transferred, no Content-Encoding)`,
      await outcome(p2) === 'fail' && enc.length === 0 && rs.length > 0, enc.map(r => r.url));
    await c2.close();
  });

  // ------------------------------------------------------------------ phone size, CPU 4× slower
  await attempt('phone, CPU throttled 4x', async () => {
    const c3 = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    // The moment the page declares itself ready (app.js sets window.yardstick once the form is rendered).
    await c3.addInitScript(() => {
      let v;
      Object.defineProperty(window, 'yardstick', {
        configurable: true, get: () => v,
        set: x => { v = x; if (x && x.ready && window.__usableAt === undefined) window.__usableAt = performance.now(); },
      });
    });
    const p3 = c3.pages()[0] || await c3.newPage();
    const rec3 = await recorder(p3);
    await rec3.cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const measure = async () => {
      await ready(p3);
      return p3.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        return {
          usable: window.__usableAt, fields: document.querySelectorAll('#form [data-input]').length,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          transfer: nav.transferSize + res.reduce((s, e) => s + e.transferSize, 0),
          decoded: nav.decodedBodySize + res.reduce((s, e) => s + e.decodedBodySize, 0),
        };
      });
    };
    await p3.goto(base + 'index.html');
    const cold = await measure();
    const coldWire = total(rec3.responses());
    await controlled(p3);
    await c3.setOffline(true);
    await p3.reload();
    const warm = await measure();
    await c3.setOffline(false);
    phone = { cold, coldWire, warm };
    check(`phone 390×844, CPU 4× slower, first visit: usable form after ${cold.usable.toFixed(0)} ms (first paint ${cold.fcp?.toFixed(0)} ms; ${kb(coldWire)} on the wire, resource timing ${kb(cold.transfer)}, ${kb(cold.decoded)} decoded), budget ${USABLE_BUDGET_MS} ms`,
      cold.fields > 0 && cold.usable > 0 && cold.usable <= USABLE_BUDGET_MS, cold);
    check(`… offline reload from the worker: usable form after ${warm.usable.toFixed(0)} ms (first paint ${warm.fcp?.toFixed(0)} ms)`,
      warm.fields > 0 && warm.usable > 0 && warm.usable <= USABLE_BUDGET_MS, warm);
    await c3.close();
  });

  check(`no requests left 127.0.0.1 (pages and service worker: ${workerRequests} of the worker's seen)`, foreign.length === 0 && workerRequests > 0, foreign);
  check('no console errors', errors.length === 0, errors);
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  server.close();
  identity.server.close();
  for (const d of [...tmpDirs, site]) fs.rmSync(d, { recursive: true, force: true });
}
if (weight) console.log(`page weight: first visit ${weight.pageBytes} bytes transferred (${weight.requests} requests, compressed, headers included); the worker's copy adds ${weight.revalidated} revalidations (304)`);
if (phone) console.log(`time to a usable form at 390x844, CPU 4x slower, loopback network: ${phone.cold.usable.toFixed(0)} ms first visit, ${phone.warm.usable.toFixed(0)} ms offline reload`);
console.log('screenshot: test-output/offline-reload.png');
console.log(`offline: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
