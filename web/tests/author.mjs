// Browser test of author mode's code editor (CodeMirror 6 over the author engine's analysis, the same as
// `yardstick lsp`), in Debian's headless Chromium (playwright-core, /usr/bin/chromium), page served on
// 127.0.0.1: typing a typo shows the diagnostic (in the editor and in the list), the quick fix (the
// editor's lint action) repairs it and the text checks clean, the list's fix button does the same,
// hovering an input shows its label and source, completion offers an input id, the language switch
// re-says the diagnostics, the editor has line numbers and highlighting, and Tab leaves it. Screenshots
// go to test-output/. Prints `N passed, M failed`.
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
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  timeout: 60_000,
});

const errors = [];
const foreign = [];
const page = ctx.pages()[0] || await ctx.newPage();
page.on('pageerror', e => errors.push(String(e)));
page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });

const text = () => page.evaluate(() => window.yardstick.author.text());
/** The viewport point of a UTF-16 offset in the editor (its character's middle), scrolled into view. */
const pointAt = async pos => {
  await page.evaluate(p => {
    const v = window.yardstick.author.view();
    v.dispatch({ effects: v.constructor.scrollIntoView(p, { y: 'center' }) });
  }, pos);
  await page.waitForTimeout(100);
  return page.evaluate(p => {
    const v = window.yardstick.author.view();
    const a = v.coordsAtPos(p), b = v.coordsAtPos(p + 1);
    return { x: (a.left + (b ? b.left : a.left + 6)) / 2, y: (a.top + a.bottom) / 2 };
  }, pos);
};
/** Put the caret at `pos` (and select to `to`), the editor focused: where typing goes. */
const caret = (pos, to = pos) => page.evaluate(([p, t]) => {
  const v = window.yardstick.author.view();
  v.dispatch({ selection: { anchor: p, head: t } });
  v.focus();
}, [pos, to]);
const summary = () => page.textContent('#diag-summary');
const bench = [];

try {
  await page.goto(base + 'index.html');
  await page.waitForFunction(() => window.yardstick?.ready, null, { timeout: 30_000 });
  let shipped = '';

  await attempt('author mode opens with the code editor', async () => {
    await page.click('#mode-author');
    await page.waitForSelector('#author .cm-editor #source[contenteditable="true"]', { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 15_000 });
    shipped = await text();
    const file = await page.evaluate(() => window.yardstick.state.file);
    const want = await page.evaluate(f => window.yardstick.state.library.find(d => d.name === f).text, file);
    check(`the editor holds the shipped text of ${file} (${shipped.length} characters) and it checks clean`, shipped === want && shipped.length > 1000);
    const lines = await page.$$eval('.cm-lineNumbers .cm-gutterElement', l => l.map(e => e.textContent).filter(t => /^\d+$/.test(t)));
    check(`line numbers are shown (${lines.length} lines numbered in view)`, lines.includes('1') && lines.includes('10'), lines.slice(0, 3));
    const toks = await page.$$eval('.cm-content [class*="tok-"]', l => [...new Set(l.map(e => [...e.classList].find(c => c.startsWith('tok-'))))].sort());
    check(`highlighting from the analysis' semantic tokens (${toks.join(', ')})`,
      ['tok-keyword', 'tok-string', 'tok-variable'].every(t => toks.includes(t)), toks);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map(r => r.name.split('/').pop()));
    check('author mode loaded the editor module and the author engine', scripts.includes('author-editor.js') && scripts.includes('author-engine.js'), scripts);
  });

  // A name the text reads in a comparison (`<input> >= …`), from the standard's own form: where the typos go.
  const ids = await page.evaluate(() => window.yardstick.state.schema.inputs.map(i => i.id));
  const name = ids.find(id => new RegExp(`[{(\\s]${id} *(>=|<=|==|>|<) `).test(shipped)) ?? '';
  const at = name ? shipped.search(new RegExp(`(?<=[{(\\s])${name} *(>=|<=|==|>|<) `)) : -1;
  const typo = name.slice(0, -2) + name.at(-1) + name.at(-2);   // the last two letters swapped
  await attempt('a typo, its diagnostic and the quick fix in the editor', async () => {
    if (at < 0 || name.length < 4) throw new Error('the shipped text reads no input in a comparison');
    // Type over the name, key by key, as a person would.
    await caret(at, at + name.length);
    const t0 = Date.now();
    await page.keyboard.type(typo, { delay: 20 });
    await page.keyboard.press('Escape');   // close the completion list, if it opened
    await page.waitForSelector('#diagnostics li[data-code="Y0101"]', { timeout: 10_000 });
    const ms = Date.now() - t0;
    const d = await page.textContent('#diagnostics li[data-code="Y0101"]');
    check(`typing the typo shows Y0101 in the list, with line and column (${ms} ms from the first key)`,
      d.includes(typo) && /第 \d+ 行第 \d+ 列/.test(d), d);
    const marks = await page.$$eval('.cm-lintRange-error', l => l.map(e => e.textContent));
    check(`… and marks \`${typo}\` in the editor`, marks.includes(typo), marks);
    check(`… the summary counts it among the errors (${await summary()})`, /^[1-9]\d* 个错误/.test(await summary()), await summary());
    await page.screenshot({ path: path.join(out, 'author-typo.png') });
    // The lint tooltip over the mark, with the analysis' "did you mean" as its action.
    const p = await pointAt(at + 3);
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.cm-tooltip-lint .cm-diagnosticAction', { timeout: 5_000 });
    const tip = await page.textContent('.cm-tooltip-lint');
    const action = await page.textContent('.cm-tooltip-lint .cm-diagnosticAction');
    check(`hovering the mark shows the diagnostic and its quick fix ("${action}")`,
      tip.includes(typo) && action.includes(name), tip);
    await page.screenshot({ path: path.join(out, 'author-quick-fix.png') });
    await page.click('.cm-tooltip-lint .cm-diagnosticAction');
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 10_000 });
    check('the quick fix repairs the text: the same as shipped, and clean', (await text()) === shipped, await summary());
    check('… no mark is left', (await page.$$('.cm-lintRange-error')).length === 0);
  });

  await attempt('the quick fix from the list of problems', async () => {
    await caret(at, at + name.length);
    await page.keyboard.type(name.slice(0, -1), { delay: 10 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#diagnostics li[data-code="Y0101"] button.fix', { timeout: 10_000 });
    const label = await page.textContent('#diagnostics li[data-code="Y0101"] button.fix');
    await page.focus('#diagnostics li[data-code="Y0101"] button.fix');
    await page.keyboard.press('Enter');   // by keyboard
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 10_000 });
    check(`the list's fix button ("${label}"), pressed with Enter, repairs it too`, (await text()) === shipped);
  });

  await attempt('hover on an input: its label and source', async () => {
    // Any input of this standard whose form entry has a source (the form the calculator shows).
    const input = await page.evaluate(() => window.yardstick.state.schema.inputs.find(i => i.source && i.labels.zh));
    if (!input) throw new Error('no input of the standard has a source');
    const decl = shipped.search(new RegExp(`input ${input.id}\\b`));
    const pos = decl >= 0 ? decl + 'input '.length + 1 : shipped.indexOf(input.id) + 1;
    await page.mouse.move(5, 5);
    const p = await pointAt(pos);
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.cm-tooltip-hover .cm-hover', { timeout: 5_000 });
    const h = await page.textContent('.cm-tooltip-hover .cm-hover');
    check(`hovering \`${input.id}\` shows its label (${input.labels.zh}) and source (${input.source.source})`,
      h.includes(input.id) && h.includes(input.labels.zh) && h.includes(input.source.source), h);
    await page.screenshot({ path: path.join(out, 'author-hover.png') });
    await page.mouse.move(5, 5);
    // From the keyboard: the cursor in the name, Ctrl-K Ctrl-I; Esc closes it.
    await caret(pos);
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+i');
    const keyTip = '.cm-hover.cm-tooltip';   // its own tooltip (the pointer's is inside .cm-tooltip-hover)
    await page.waitForSelector(keyTip, { timeout: 5_000 });
    const k = await page.textContent(keyTip);
    check('… and the same from the keyboard (Ctrl-K Ctrl-I at the cursor)', k === h, k);
    await page.keyboard.press('Escape');
    check('… which Esc closes', !(await page.$(keyTip)));
  });

  await attempt('completion offers an input id', async () => {
    // Where a rule reads the input: its name replaced by its first letters, typed.
    const input = name;
    await caret(at, at + name.length);
    await page.keyboard.type(input.slice(0, 4), { delay: 30 });
    await page.waitForSelector('.cm-tooltip-autocomplete li', { timeout: 5_000 });
    const options = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', l => l.map(e => e.textContent));
    check(`typing "${input.slice(0, 4)}" offers the input \`${input}\` (${options.length} options)`, options.includes(input), options);
    await page.screenshot({ path: path.join(out, 'author-completion.png') });
    await page.keyboard.press('Escape');
    await page.evaluate(t => window.yardstick.author.setText(t), shipped);
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 10_000 });
  });

  await attempt('language switch and keyboard', async () => {
    await caret(at, at + name.length);
    await page.keyboard.type(typo, { delay: 10 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#diagnostics li[data-code="Y0101"]', { timeout: 10_000 });
    const zh = await page.textContent('#diagnostics li[data-code="Y0101"]');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => /line \d+, column \d+/.test(document.querySelector('#diagnostics li[data-code="Y0101"]')?.textContent ?? ''));
    const en = await page.textContent('#diagnostics li[data-code="Y0101"]');
    check('the language switch re-says the diagnostic in English (from the engine\'s catalogue)', en !== zh && !/[\u4e00-\u9fff]/.test(en.replace(/“[^”]*”|"[^"]*"/g, '')), en);
    await page.click('#lang-toggle');
    await page.evaluate(t => window.yardstick.author.setText(t), shipped);
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 10_000 });
    await caret(0);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id);
    check('Tab leaves the editor (to the next control: no keyboard trap)', focused === 'try-it', focused);
  });

  // The analysis' limit on a document (MAX_DOCUMENT_BYTES, 4 MiB): at the limit it is checked, one byte over
  // it is refused with Y1004 (in the list), and the text stays in the editor.
  await attempt('the size limit of a document', async () => {
    const LIMIT = 4 * 1024 * 1024;
    const base = await text();
    const bytes = new TextEncoder().encode(base).length;
    const line = '// ' + 'x'.repeat(96) + '\n';
    const pad = n => {   // n bytes of comments (the last line shorter, without its line break)
      const r = n % line.length;
      return line.repeat(Math.floor(n / line.length)) + (r >= 2 ? '//' + 'x'.repeat(r - 2) : '\n'.repeat(r));
    };
    const atLimit = base + '\n' + pad(LIMIT - bytes - 1);
    await page.evaluate(t => { window.yardstick.author.setText(t); window.yardstick.author.check(); }, atLimit);
    const s1 = await summary();
    check(`a document of exactly ${LIMIT} bytes is checked, and clean (${s1})`,
      new TextEncoder().encode(atLimit).length === LIMIT && s1.includes('没有发现问题') && (await text()).length === atLimit.length, s1);
    await page.evaluate(t => { window.yardstick.author.setText(t); window.yardstick.author.check(); }, atLimit + 'x');
    const d = await page.textContent('#diagnostics li[data-code="Y1004"]').catch(() => null);
    check(`one byte more is refused: Y1004 in the list, the text kept (${d})`, d !== null && (await text()).length === atLimit.length + 1, d);
    await page.evaluate(t => { window.yardstick.author.setText(t); window.yardstick.author.check(); }, base);
    await page.waitForFunction(() => document.querySelector('#diag-summary').textContent.includes('没有发现问题'), null, { timeout: 10_000 });
  });

  // A benchmark, not a timed test (it asserts nothing about time): from a change to the diagnostics shown
  // (the analysis given the text, its diagnostics, quick fixes and semantic tokens, the editor and the list
  // redrawn), on the largest shipped standard and on a generated 1 MB document, as benches/ide.rs makes it.
  await attempt('benchmark: a check after a change', async () => {
    const rounds = 7;
    const median = xs => xs.sort((a, b) => a - b)[xs.length >> 1];
    const timeChecks = async () => {
      const base = await text();
      const i = base.search(/\d+%/);
      const ms = [];
      for (let r = 0; r < rounds; r++) {
        const t = base.slice(0, i) + String((r % 9) + 1) + base.slice(i + 1);   // one digit of a threshold
        ms.push(await page.evaluate(t => { window.yardstick.author.setText(t); return window.yardstick.author.check(); }, t));
      }
      await page.evaluate(t => { window.yardstick.author.setText(t); window.yardstick.author.check(); }, base);
      return median(ms);
    };
    const largest = await page.evaluate(() => {
      const d = [...window.yardstick.state.library].sort((a, b) => b.text.length - a.text.length)[0];
      const info = window.yardstick.state.docs.find(x => x.file === d.name);
      return { file: d.name, bytes: new TextEncoder().encode(d.text).length, id: info.id, version: info.version };
    });
    await page.click('#mode-calc');
    await page.selectOption('#standard', largest.id);
    await page.selectOption('#version', largest.version);
    await page.click('#mode-author');
    await page.waitForFunction(f => window.yardstick.state.file === f && /没有发现问题|个错误|个警告/.test(document.querySelector('#diag-summary').textContent), largest.file, { timeout: 15_000 });
    bench.push({ what: `largest shipped standard (${largest.file})`, bytes: largest.bytes, ms: await timeChecks() });
    let big = 'standard bench.big {\n  version "1"\n';
    for (let k = 0; new TextEncoder().encode(big).length < 1_000_000; k++) {
      big += `  input rate_${k}: percent range 0%..100%\n    label zh "指标${k}" en "indicator ${k}" source "S${k}" tier B\n  item item_${k} "条目${k}" clause "${k}" { rate_${k} >= 90% and rate_${k} <= 100% }\n`;
    }
    big += '}\n';
    const original = await text();
    await page.evaluate(t => window.yardstick.author.setText(t), big);
    await page.evaluate(() => window.yardstick.author.check());
    bench.push({ what: 'generated 1 MB document (inputs and items)', bytes: new TextEncoder().encode(big).length, ms: await timeChecks() });
    await page.evaluate(t => { window.yardstick.author.setText(t); window.yardstick.author.check(); }, original);
    check(`benchmark: ${bench.map(b => `${b.what}, ${b.bytes} bytes: ${b.ms.toFixed(1)} ms`).join('; ')} (median of ${rounds}, Chromium)`, bench.length === 2);
  });

  check('no requests left 127.0.0.1', foreign.length === 0, foreign);
  check('no console errors', errors.length === 0, errors);
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`screenshots: ${['author-typo.png', 'author-quick-fix.png', 'author-hover.png', 'author-completion.png'].map(f => path.join('test-output', f)).join(', ')}`);
for (const b of bench) console.log(`benchmark: check after a change, ${b.what}, ${b.bytes} bytes: ${b.ms.toFixed(1)} ms (median)`);
console.log(`author: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
