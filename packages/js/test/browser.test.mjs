// The installed package in Debian's headless Chromium (playwright-core from web/node_modules,
// /usr/bin/chromium): a plain page with <script type="module"> and an import map (no bundler), and the
// same checks bundled by esbuild (packages/js/node_modules, pinned in packages/js/package-lock.json).
// Run by scripts/packages-test.sh in the scratch project it installed the tarball into.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = process.env.YARDSTICK_REPO;
const project = process.cwd();
const { chromium } = createRequire(path.join(repo, 'web/package.json'))('playwright-core');
const { serve } = await import(pathToFileURL(path.join(repo, 'web/serve.mjs')));
const esbuild = path.join(repo, 'packages/js/node_modules/.bin/esbuild');

let server, base, ctx;
before(async () => {
  const pkg = '/node_modules/yardstick-standards';
  fs.writeFileSync(path.join(project, 'plain.html'), `<!doctype html><meta charset="utf-8"><title>plain</title>
<script type="importmap">{"imports": {"yardstick-standards": "${pkg}/dist/index.js",
  "yardstick-standards/standards": "${pkg}/dist/standards.js"}}</script>
<script type="module">
import * as ys from 'yardstick-standards';
import standards from 'yardstick-standards/standards';
import { run } from './test/checks.js';
run(ys, standards).then(r => { window.__result = r; }, e => { window.__result = { failed: String(e && e.stack || e) }; });
</script>`);
  // The bundle: the .wasm through esbuild's file loader (copied beside the bundle, its URL imported).
  fs.mkdirSync(path.join(project, 'bundle'), { recursive: true });
  fs.writeFileSync(path.join(project, 'bundle-entry.js'), `import * as ys from 'yardstick-standards';
import standards from 'yardstick-standards/standards';
import wasm from 'yardstick-standards/yardstick.wasm';
import { run } from './test/checks.js';
run(ys, standards, new URL(wasm, import.meta.url)).then(r => { window.__result = r; }, e => { window.__result = { failed: String(e && e.stack || e) }; });
`);
  execFileSync(esbuild, ['bundle-entry.js', '--bundle', '--format=esm', '--platform=browser',
    '--loader:.wasm=file', '--outdir=bundle', '--log-level=warning'], { cwd: project, stdio: 'inherit' });
  fs.writeFileSync(path.join(project, 'bundle/index.html'),
    '<!doctype html><meta charset="utf-8"><title>bundle</title><script type="module" src="./bundle-entry.js"></script>');
  ({ server, url: base } = await serve(project));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-pkg-chromium-'));
  ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
    timeout: 60_000,
  });
});
after(async () => {
  await ctx?.close();
  server?.close();
});

async function resultOf(page) {
  const p = await ctx.newPage();
  const errors = [];
  p.on('pageerror', e => errors.push(String(e)));
  const loaded = [];
  p.on('request', r => loaded.push(new URL(r.url()).pathname));
  await p.goto(new URL(page, base).href);
  await p.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
  const r = await p.evaluate(() => window.__result);
  await p.close();
  assert.deepEqual(errors, []);
  return { r, loaded };
}

function expectChecks(r) {
  assert.equal(r.failed, undefined, r.failed);
  assert.equal(r.total, '12345678901234567.75');
  assert.equal(r.exact, true);
  assert.deepEqual(r.outcomes, ['fail', 'pass']);
  assert.deepEqual(r.error, { isYardstickError: true, code: 'Y0801', kind: 'not_found' });
  assert.ok(r.documents > 0 && r.documents === r.standards);
  assert.ok(r.examples > 0);
  assert.equal(r.examplesFailed, 0);
}

test('a plain <script type="module"> page (import map, no bundler)', async () => {
  const { r, loaded } = await resultOf('plain.html');
  expectChecks(r);
  assert.ok(loaded.includes('/node_modules/yardstick-standards/dist/pkg/yardstick_wasm_bg.wasm'), loaded.join(' '));
});

test('an esbuild bundle', async () => {
  const { r, loaded } = await resultOf('bundle/index.html');
  expectChecks(r);
  assert.ok(loaded.some(u => /^\/bundle\/yardstick_wasm_bg-[A-Z0-9]+\.wasm$/.test(u)), loaded.join(' '));
  assert.ok(!loaded.some(u => u.startsWith('/node_modules/')), 'the bundle loads nothing from node_modules');
});
