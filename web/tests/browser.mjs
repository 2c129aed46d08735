// Browser tests of the calculator in Debian's headless Chromium (playwright-core, /usr/bin/chromium):
// serves web/dist on 127.0.0.1 (its own server, stopped at the end), fills a shipped standard's form to a
// known failing case, checks the outcome, the veto and the fix; switches language; round-trips the share
// link; saves and loads JSON; breaks a document in author mode and checks the diagnostic; measures warm
// evaluations; makes the engine trap for real (memory exhausted, stack exhausted inside it) and checks that
// the page says so, keeps the answers and computes again. Screenshots go to test-output/. Prints
// `N passed, M failed`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { stackSweep } from './stack-trap.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });

const VETOED = path.join(root, 'examples', 'assessments', 'city-vetoed-pre2014.json');
const MISSING = path.join(root, 'examples', 'assessments', 'city-missing-pre2014.json');
const vetoed = JSON.parse(fs.readFileSync(VETOED, 'utf8'));

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
};
const attempt = async (name, fn) => {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message || e).split('\n')[0]); }
};

const { server, url: base } = await serve(path.join(web, 'dist'));
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-chromium-'));
const ctx = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  timeout: 60_000,
});

// Lets the trap tests reach the newest WebAssembly instance (to exhaust its memory, as a huge document
// would). Only in this test browser; the page has no such hook. The Proxy leaves everything else as it was.
await ctx.addInitScript(() => {
  const Instance = WebAssembly.Instance;
  window.__wasmInstances = 0;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args, newTarget) {
      const inst = Reflect.construct(target, args, newTarget);
      window.__latestWasm = inst;
      window.__wasmInstances++;
      return inst;
    },
  });
});

const errors = [];
const foreign = [];
function watch(page) {
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url()); });
}
async function open(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.yardstick !== undefined, null, { timeout: 30_000 });
  const r = await page.evaluate(() => ({ ready: window.yardstick.ready, error: window.yardstick.error }));
  if (!r.ready) throw new Error(`the page did not start: ${r.error}`);
}
const field = id => `[data-input="${id}"]`;
/** Author mode's text (the code editor's), and a whole new text put in it as a paste would. */
const editorText = page => page.evaluate(() => window.yardstick.author.text());
const setSource = (page, t) => page.evaluate(t => window.yardstick.author.setText(t), t);

async function fillVetoed(page) {
  await page.selectOption('#standard', 'cn.sanitary_city.national');
  await page.selectOption('#version', 'pre-2014');
  for (const [id, v] of Object.entries(vetoed.inputs)) {
    const sel = field(id);
    const tag = await page.$eval(sel, e => e.tagName);
    if (tag === 'SELECT') await page.selectOption(sel, String(v));
    else await page.fill(sel, String(v));
  }
}

/** Grow the engine's memory to its maximum, so that its next allocation larger than the memory it had
 * fails (Rust aborts). Returns {before, after} in bytes. */
const exhaustMemory = page => page.evaluate(() => {
  const mem = window.__latestWasm.exports.memory;
  const before = mem.buffer.byteLength;
  for (let step = 65536; step >= 1;) { try { mem.grow(step); } catch { step >>= 1; } }
  return { before, after: mem.buffer.byteLength };
});

/** Put a value of `bytes` characters into a field the way a paste does (one input event). */
const pasteHuge = (page, id, bytes) => page.evaluate(([id, bytes]) => {
  const f = document.querySelector(`[data-input="${id}"]`);
  f.value = 'x'.repeat(bytes);
  f.dispatchEvent(new Event('input', { bubbles: true }));
}, [id, bytes]);

let bench = null;
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  watch(page);
  await open(page, base + 'index.html');
  check('the page starts (engine and library loaded)', true);

  // ---------------------------------------------------------------- choose and fill the failing case
  await attempt('fill the vetoed pre-2014 case', async () => {
    await page.selectOption('#standard', 'cn.sanitary_city.national');
    await page.selectOption('#version', 'pre-2014');
    const info = await page.textContent('#header-info');
    check('header shows title, version, window, status, source',
      info.includes('国家卫生城市标准') && info.includes('2014 年以前') && info.includes('2015-01-01')
        && info.includes('已废止') && info.includes('S2'), info);
    for (const [id, v] of Object.entries(vetoed.inputs)) {
      const sel = field(id);
      const tag = await page.$eval(sel, e => e.tagName);
      if (tag === 'SELECT') await page.selectOption(sel, String(v));
      else await page.fill(sel, String(v));
    }
    const outcome = await page.getAttribute('#outcome', 'data-outcome');
    check('outcome shows fail', outcome === 'fail', outcome);
    const word = await page.textContent('#outcome .outcome-word');
    check('outcome in words (zh)', word.includes('不通过'), word);
    const veto = await page.textContent('#vetoes [data-item="b10"]').catch(() => '');
    check('veto b10 shown with satisfaction 88%', veto.includes('88%') && veto.includes('群众满意率'), veto);
    const vetoOrder = await page.$$eval('#result-body > section', s => s.map(x => x.id || x.className));
    check('vetoes come first', vetoOrder[0] === 'vetoes', vetoOrder);
    const fixes = await page.$$eval('#fixes li', l => l.map(x => x.textContent));
    check('a fix is shown (satisfaction 88% → 90%)', fixes.some(f => f.includes('88%') && f.includes('90%')), fixes);
    const invalid = await page.$$eval('.field.invalid', l => l.length);
    check('no inline validation errors for a valid assessment', invalid === 0, invalid);
    const items = await page.$$eval('#items [data-item]', l => l.length);
    check('every item listed with its outcome', items >= 10, items);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(out, 'fail-zh.png') });
    check('screenshot test-output/fail-zh.png', fs.statSync(path.join(out, 'fail-zh.png')).size > 10_000);
    const same = await page.evaluate(() => window.yardstick.assessmentText());
    check('the form builds the same assessment as the example file',
      JSON.stringify(JSON.parse(same).inputs) === JSON.stringify(Object.fromEntries(
        Object.keys(JSON.parse(same).inputs).map(k => [k, vetoed.inputs[k]]))) &&
      Object.keys(JSON.parse(same).inputs).length === Object.keys(vetoed.inputs).length);
  });

  // ---------------------------------------------------------------- warm-evaluation benchmark
  await attempt('benchmark', async () => {
    bench = await page.evaluate(() => window.yardstick.bench(1000));
    check(`warm evaluation in Chromium: ${bench.explain.toFixed(1)} µs/eval with explain, ${bench.summary.toFixed(1)} µs/eval without (1000 runs)`,
      bench.explain > 0 && bench.explain < 100_000, bench);
  });

  // ---------------------------------------------------------------- inline validation
  await attempt('inline validation', async () => {
    await page.fill(field('satisfaction'), '120');
    const err = await page.textContent('[data-field="satisfaction"] .error');
    check('inline validation message from the engine (120%)', err.includes('100'), err);
    check('aria-invalid set on the bad field', await page.getAttribute(field('satisfaction'), 'aria-invalid') === 'true');
    const o = await page.getAttribute('#outcome', 'data-outcome');
    check('still evaluates the other answers', o === 'fail', o);
    await page.fill(field('satisfaction'), 'abc');
    const err2 = await page.textContent('[data-field="satisfaction"] .error');
    check('a word instead of a number is named', err2.includes('abc'), err2);
    await page.fill(field('satisfaction'), '88');
    check('the message goes when fixed', (await page.textContent('[data-field="satisfaction"] .error')) === '');
  });

  // ---------------------------------------------------------------- language
  await attempt('switch language', async () => {
    await page.click('#lang-toggle');
    const label = await page.textContent(`label[for="in-satisfaction"] .label-main`);
    check('English label after the toggle', label === 'residents satisfied with sanitation', label);
    check('html lang is en', await page.getAttribute('html', 'lang') === 'en');
    const veto = await page.textContent('#vetoes [data-item="b10"]');
    check('the veto reads in English', veto.includes("residents' satisfaction fails"), veto);
    check('values kept across the toggle', await page.inputValue(field('satisfaction')) === '88');
  });

  // ---------------------------------------------------------------- share link round trip
  await attempt('share link', async () => {
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    check('share link carries the state in the fragment', link.startsWith(base) && link.includes('#') && link.includes('a='), link);
    const p2 = await ctx.newPage();
    watch(p2);
    await open(p2, link);
    const got = {};
    for (const id of Object.keys(vetoed.inputs)) got[id] = await p2.inputValue(field(id));
    const want = Object.fromEntries(Object.entries(vetoed.inputs).map(([k, v]) => [k, String(v)]));
    check('the share link restores every value in a new page', JSON.stringify(got) === JSON.stringify(want),
      Object.keys(want).filter(k => want[k] !== got[k]));
    check('… and the standard, version and language',
      await p2.inputValue('#standard') === 'cn.sanitary_city.national' && await p2.inputValue('#version') === 'pre-2014'
        && await p2.getAttribute('html', 'lang') === 'en');
    check('… and the outcome', await p2.getAttribute('#outcome', 'data-outcome') === 'fail');
    await p2.close();
    await page.click('#lang-toggle');   // back to zh
  });

  // ---------------------------------------------------------------- save and load
  await attempt('save and load JSON', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
    const saved = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
    check('saved JSON is the assessment contract',
      saved.standard === vetoed.standard && saved.version === vetoed.version
        && JSON.stringify(Object.keys(saved.inputs).sort()) === JSON.stringify(Object.keys(vetoed.inputs).sort())
        && Object.entries(vetoed.inputs).every(([k, v]) => saved.inputs[k] === v), dl.suggestedFilename());
    await page.setInputFiles('#load', MISSING);
    await page.waitForFunction(() => document.querySelector('#outcome')?.dataset.outcome === 'unknown');
    const partial = await page.textContent('#partial');
    check('loading a JSON with answers missing shows best and worst', partial.includes('通过') && partial.includes('不通过'), partial);
    const next = await page.$$eval('#partial .ask-next li', l => l.length);
    check('"answer these next" lists the missing answers', next === 4, next);
    await page.setInputFiles('#load', VETOED);
    await page.waitForFunction(() => document.querySelector('#outcome')?.dataset.outcome === 'fail');
    check('loading the vetoed JSON gives fail again', true);
  });

  // ---------------------------------------------------------------- print stylesheet
  await attempt('print stylesheet', async () => {
    // The print design (web/src/report.js; checked in detail by web/tests/report.mjs): only the report prints.
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.$eval('.tools', e => getComputedStyle(e).display === 'none')
      && await page.$eval('#main', e => getComputedStyle(e).display === 'none');
    const shown = await page.$eval('#report', e => getComputedStyle(e).display !== 'none')
      && await page.$eval('#report-outcome', e => e.dataset.outcome === 'fail' && getComputedStyle(e).display !== 'none');
    check('print view hides the page and shows the report with the result', hidden && shown);
    await page.emulateMedia({ media: 'screen' });
    check('… and the report is hidden on screen', await page.$eval('#report', e => getComputedStyle(e).display === 'none'));
  });

  // ---------------------------------------------------------------- accessibility basics
  await attempt('accessibility', async () => {
    const unlabelled = await page.$$eval('#form input, #form select, #picker select',
      l => l.filter(e => !e.labels || e.labels.length === 0).map(e => e.id));
    check('every form control has a <label>', unlabelled.length === 0, unlabelled);
    await page.focus('#lang-toggle');
    await page.keyboard.press('Enter');
    check('the language toggle works from the keyboard', await page.getAttribute('html', 'lang') === 'en');
    await page.keyboard.press('Enter');
    await page.focus(field('satisfaction'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('95');
    const o = await page.$eval('#vetoes', e => e.textContent).catch(() => '');
    check('typing updates the result live (b10 no longer vetoes at 95%)', !o.includes('群众满意率'), o);
    await page.fill(field('satisfaction'), '88');
  });

  // ---------------------------------------------------------------- phone width
  await attempt('phone width', async () => {
    const ph = await ctx.newPage();
    watch(ph);
    await ph.setViewportSize({ width: 390, height: 844 });
    await open(ph, await page.evaluate(() => location.href));
    const sw = await ph.evaluate(() => document.documentElement.scrollWidth);
    check('no sideways scrolling at phone width (390 px)', sw <= 390, sw);
    const mini = await ph.textContent('#mini-outcome');
    check('the outcome stays in sight at phone width', await ph.isVisible('#mini-outcome') && mini.includes('不通过'), mini);
    await ph.screenshot({ path: path.join(out, 'phone.png') });
    await ph.close();
  });

  // ---------------------------------------------------------------- every standard of the library
  await attempt('every standard renders', async () => {
    const pg = await ctx.newPage();
    watch(pg);
    await open(pg, base + 'index.html');
    const docs = await pg.evaluate(() => window.yardstick.state.docs.map(d => [d.id, d.version, d.file]));
    const bad = [];
    for (const [id, version, file] of docs) {
      await pg.selectOption('#standard', id);
      await pg.selectOption('#version', version);
      const r = await pg.evaluate(() => ({
        file: window.yardstick.state.file,
        inputs: window.yardstick.state.schema?.inputs.length,
        fields: document.querySelectorAll('#form [data-input]').length,
        outcome: document.querySelector('#outcome')?.dataset.outcome,
      }));
      if (r.file !== file || r.inputs !== r.fields || !r.outcome) bad.push({ file, ...r });
    }
    check(`every standard of the library (${docs.length}) gets a form and a result`, bad.length === 0, bad);
    await pg.close();
  });

  // ---------------------------------------------------------------- author mode
  await attempt('author mode', async () => {
    const early = await page.evaluate(() => performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('pkg-author')));
    check('the calculator alone never fetches the author engine', early.length === 0, early);
    await page.click('#mode-author');
    await page.waitForFunction(() => window.yardstick.author.text().includes('satisfaction >= 90%'));
    // The checker is the author engine (pkg-author), loaded now, the first time author mode opens.
    check('author mode says while its checker loads', /正在载入|没有发现问题/.test(await page.textContent('#diag-summary')));
    await page.waitForFunction(() => !document.querySelector('#diag-summary').textContent.includes('正在载入'), null, { timeout: 10_000 });
    const authorWasm = await page.evaluate(() => performance.getEntriesByType('resource').map(r => r.name).filter(n => n.endsWith('.wasm')));
    check('… and only then fetches the author engine', authorWasm.some(n => n.includes('/pkg-author/')) && authorWasm.some(n => n.includes('/pkg/')), authorWasm);
    const clean = await page.textContent('#diag-summary');
    check('the shipped text checks clean', clean.includes('没有发现问题'), clean);
    const text = await editorText(page);
    await setSource(page, text.replace('satisfaction >= 90%', 'satisfaction = 90%'));
    await page.waitForSelector('#diagnostics li[data-code="Y0002"]', { timeout: 10_000 });
    const d = await page.textContent('#diagnostics li[data-code="Y0002"]');
    check('a diagnostic with code Y0002 appears, with line and column', d.includes('Y0002') && /第 \d+ 行第 \d+ 列/.test(d), d);
    await page.click('#diagnostics li[data-code="Y0002"] button');   // selects the text, scrolls the editor to it
    // (The editor draws the lines in view only: the mark is there once the list's button has scrolled to it.)
    const mark = await page.$$eval('#author .cm-lintRange-error', l => l.map(m => m.textContent));
    check('the offending text is marked in place', mark.includes('='), mark);
    await page.keyboard.press('ArrowRight');   // the caret just after it, so the mark shows (not the selection)
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(out, 'author-diagnostic.png'), fullPage: true });
    check('screenshot test-output/author-diagnostic.png', fs.statSync(path.join(out, 'author-diagnostic.png')).size > 10_000);
    await setSource(page, text.replace('satisfaction >= 90%', 'satisfaction >= 85%'));
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'));
    await page.click('#try-it');
    await page.waitForSelector('#calculator:not([hidden])');
    const v = await page.textContent('#vetoes');
    check('"try it" evaluates with the edited text (b10 passes at 88% ≥ 85%; b5 still vetoes)',
      !v.includes('群众满意率') && v.includes('病媒生物') && await page.isVisible('#edited-banner'), v);
    await page.click('#back-shipped');
    const v2 = await page.textContent('#vetoes');
    check('back to the shipped text', v2.includes('群众满意率') && !(await page.isVisible('#edited-banner')), v2);
  });

  // ---------------------------------------------------------------- the engine traps and recovers
  await attempt('engine trap', async () => {
    const pg = await ctx.newPage();
    watch(pg);
    await open(pg, base + 'index.html');
    await fillVetoed(pg);
    const answers = async () => {
      const got = {};
      for (const id of Object.keys(vetoed.inputs)) if (id !== 'satisfaction') got[id] = await pg.inputValue(field(id));
      return got;
    };
    const beforeAnswers = await answers();
    const beforeResult = await pg.evaluate(() => JSON.stringify(window.yardstick.state.result));
    const mem = await exhaustMemory(pg);
    check(`the engine's memory grown to its maximum (${mem.before / 2 ** 20} → ${mem.after / 2 ** 20} MiB)`, mem.after >= 2 ** 31, mem);
    const t0 = Date.now();
    // A paste larger than all the memory the engine had: it cannot get more, Rust aborts, a real trap.
    await pasteHuge(pg, 'satisfaction', mem.before + 2 ** 20);
    const box = await pg.$eval('#result-body .error-box', e => ({ text: e.textContent, code: e.dataset.code })).catch(() => null);
    check('after a real trap the page says so in zh, with the code',
      box && box.code === 'trap' && box.text.includes('计算引擎出错，已重新启动') && box.text.includes('trap'), box);
    check('… and in the status line', (await pg.textContent('#status')).includes('计算引擎出错，已重新启动'));
    const st = await pg.evaluate(() => ({ ...window.yardstick.engineStats(), mem: window.__latestWasm.exports.memory.buffer.byteLength, n: window.__wasmInstances }));
    check('… with a fresh engine instance (restarted once, small memory again)', st.restarts === 1 && st.mem < 2 ** 26, st);
    check('… and the other answers kept', JSON.stringify(await answers()) === JSON.stringify(beforeAnswers));
    const firstMs = await pg.evaluate(() => { const t = performance.now(); window.yardstick.state.handle.schema(); return performance.now() - t; });
    check(`the page's standard compiles again in the fresh instance on its first use (${firstMs.toFixed(1)} ms; restart ${st.lastRestartMs.toFixed(2)} ms)`, firstMs < 5000, firstMs);
    await pg.fill(field('satisfaction'), '88');
    const afterResult = await pg.evaluate(() => JSON.stringify(window.yardstick.state.result));
    check(`the next answer computes again, same result as before the trap (${Date.now() - t0} ms from the paste to the new result)`,
      afterResult === beforeResult && await pg.getAttribute('#outcome', 'data-outcome') === 'fail'
        && !(await pg.$('#result-body .error-box')) && (await pg.textContent('#vetoes')).includes('群众满意率'));
    check('… and the status line is back to ready (no sentence shown)', (await pg.getAttribute('#status', 'data-state')) === 'ready'
      && (await pg.textContent('#status')) === '', await pg.textContent('#status'));

    // In English, and a second trap in the same page.
    await pg.click('#lang-toggle');
    const mem2 = await exhaustMemory(pg);
    await pasteHuge(pg, 'satisfaction', mem2.before + 2 ** 20);
    const box2 = await pg.$eval('#result-body .error-box', e => e.textContent).catch(() => '');
    check('a second trap, in English: "The engine failed and was restarted"', box2.includes('The engine failed and was restarted') && box2.includes('trap'), box2);
    await pg.screenshot({ path: path.join(out, 'engine-restarted.png') });
    await pg.fill(field('satisfaction'), '95');
    check('… typing goes on computing (b10 no longer vetoes at 95%)',
      await pg.getAttribute('#outcome', 'data-outcome') === 'fail' && !(await pg.textContent('#vetoes')).includes('satisfaction'),
      await pg.textContent('#vetoes'));
    await pg.click('#lang-toggle');

    // Stack overflows at every point of a call (the page's own handle, from a deep JavaScript recursion).
    const so = await pg.evaluate(`(${stackSweep})(() => window.yardstick.state.handle.evaluate(window.yardstick.assessmentText(), true))`);
    check(`stack overflows at ${so.failures} points around an engine call (${so.traps} inside it, ${so.inWasm} in its wasm frames): never a dead module`,
      so.wrong === 0 && so.failures > 0, so);
    if (so.sample) check('… an overflow in the wasm frames is a "trap" error, cause the RangeError', so.sample.code === 'trap' && so.sample.causeIsRangeError, so.sample);
    await pg.fill(field('satisfaction'), '88');
    check('… and the page computes again, same result as before', await pg.evaluate(() => JSON.stringify(window.yardstick.state.result)) === beforeResult);
    // Author mode: the check as one types traps; the text stays, the next edit is checked again.
    await pg.click('#mode-author');
    await pg.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'));
    const shipped = await editorText(pg);
    const mem3 = await exhaustMemory(pg);
    await pg.evaluate(n => {   // a paste at the end, in lines of 100 characters
      const v = window.yardstick.author.view();
      v.dispatch({ changes: { from: v.state.doc.length, insert: ('// ' + 'x'.repeat(96) + '\n').repeat(Math.ceil(n / 100)) } });
    }, mem3.before + 2 ** 20);
    await pg.waitForSelector('#diag-summary[data-code="trap"]', { timeout: 10_000 });
    const ds = await pg.textContent('#diag-summary');
    check('author mode: a trap while checking says so, with the code', ds.includes('计算引擎出错，已重新启动') && ds.includes('trap'), ds);
    check('… and the edited text stays in the editor', (await editorText(pg)).length > shipped.length + mem3.before);
    await setSource(pg, shipped.replace('satisfaction >= 90%', 'satisfaction = 90%'));
    await pg.waitForSelector('#diagnostics li[data-code="Y0002"]', { timeout: 10_000 });
    check('… the next edit is checked again (Y0002 found)', !(await pg.$('#diag-summary[data-code="trap"]')));
    await setSource(pg, shipped);
    await pg.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'));
    await pg.click('#mode-calc');

    const st2 = await pg.evaluate(() => window.yardstick.engineStats());
    check(`a restart for each trap (${st2.restarts}), each well under a second (last ${st2.lastRestartMs?.toFixed(2)} ms)`,
      st2.restarts >= 3 && st2.lastRestartMs < 1000, st2);
    await pg.close();
  });

  check('no requests left 127.0.0.1', foreign.length === 0, foreign);
  check('no console errors', errors.length === 0, errors);
  console.log('browser:', await (async () => { const p = await ctx.newPage(); const ua = await p.evaluate(() => navigator.userAgent); await p.close(); return ua; })());
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
if (bench) console.log(`benchmark: ${bench.standard}, ${bench.bytes}-byte assessment, ${bench.explain.toFixed(1)} µs per evaluation with explain, ${bench.summary.toFixed(1)} µs without (warm, ${bench.n} runs, Chromium)`);
console.log(`screenshots: ${['fail-zh.png', 'author-diagnostic.png', 'phone.png', 'engine-restarted.png'].map(f => path.join('test-output', f)).join(', ')}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
