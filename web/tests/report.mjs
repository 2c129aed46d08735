// The printed report (web/src/report.js) in Debian's headless Chromium (playwright-core, /usr/bin/chromium):
// serves web/dist on 127.0.0.1, fills known cases (examples/assessments/: the vetoed pre-2014 city, the same
// city with answers missing, the fly level B site), fills the report details, prints to A4 PDF in zh and en
// (page.pdf), and reads the PDFs back with poppler's pdftotext: the first page holds the title, the unit,
// the date and the outcome (the level as the headline); page numbers and the signature lines are there; the
// missing answers are listed by label; the Chinese report has no English words (only the ids named below)
// and the English one no Chinese. Also: the details travel in the share link and the saved JSON (which the
// engine still accepts) and come back; and every example assessment reports in both languages without the
// other's words. Writes test-output/report-zh.pdf, report-en.pdf,
// report-zh-page1.png and report-en-page1.png (pdftoppm, 80 dpi). Prints `N passed, M failed`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });
const example = name => JSON.parse(fs.readFileSync(path.join(root, 'examples', 'assessments', name), 'utf8'));

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 600) : ''}`); }
};
const attempt = async (name, fn) => {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message || e).split('\n')[0]); }
};

/** Text of a PDF (all pages, or pages first..last) through pdftotext (poppler-utils). */
const pdfText = (file, first, last) => execFileSync('pdftotext', [
  ...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-layout', file, '-']).toString('utf8');
const pdfPages = file => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1] || 0);
const png = (file, base) => execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-png', '-r', '80', '-singlefile', file, base]);

// In the Chinese report, Latin letters are allowed only in: the brand (Yardstick, once, in the closing
// line), standard numbers (GB/T 27772, GB 3095), source codes (S2, S16), single letters of levels and
// source tiers (A B C D S), the hexadecimal checksum of the standard's text, and "API" and "AQI", which
// the standards' own Chinese labels of the air indicators use ("API≤100 天数占全年比例").
const ALLOWED_LATIN = [/Yardstick/g, /GB(\/T)? \d+/g, /\bS\d+\b/g, /\b[0-9a-f]{12}\b/g, /\bA[PQ]I\b/g, /(?<![A-Za-z])[A-DS](?![A-Za-z])/g];
const latinWords = text => {
  let t = text;
  for (const re of ALLOWED_LATIN) t = t.replace(re, ' ');
  return [...new Set(t.match(/[A-Za-z]+/g) || [])];
};
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/g;

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

const errors = [];
const foreign = [];
async function openPage(url = base + 'index.html') {
  const page = await ctx.newPage();
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url()); });
  await page.goto(url);
  await page.waitForFunction(() => window.yardstick !== undefined, null, { timeout: 30_000 });
  const r = await page.evaluate(() => ({ ready: window.yardstick.ready, error: window.yardstick.error }));
  if (!r.ready) throw new Error(`the page did not start: ${r.error}`);
  return page;
}

/** Choose the assessment's standard (and version, else the only one) and type its answers. */
async function fill(page, a) {
  await page.selectOption('#standard', a.standard);
  const versions = await page.$$eval('#version option', o => o.map(x => x.value));
  await page.selectOption('#version', a.version ?? versions[versions.length - 1]);
  for (const [id, v] of Object.entries(a.inputs)) {
    if (v === null) continue;
    const sel = `[data-input="${id}"]`;
    if (await page.$eval(sel, e => e.tagName) === 'SELECT') await page.selectOption(sel, String(v));
    else await page.fill(sel, Array.isArray(v) ? v.join(', ') : String(v));
  }
}

async function details(page, d) {
  for (const [k, v] of Object.entries(d)) await page.fill(`#rd-${k}`, v);
}

/** Print the page to an A4 PDF the way a browser prints it (print media, beforeprint); its text, page by
 * page through pdftotext, and the report's own text (innerText, one line per table row) for row checks. */
async function print(page, file) {
  await page.pdf({ path: file, format: 'A4' });
  const dom = await page.$eval('#report', e => {
    const rows = [...e.querySelectorAll('.r-table tr')].map(tr => [...tr.children].map(c => c.textContent.replace(/\[\d+\]/g, '').trim()).join(' | '));
    return rows.join('\n');
  });
  return { first: pdfText(file, 1), all: pdfText(file), pages: pdfPages(file), rows: dom };
}
const sameDetails = (a, b) => Object.keys(b).every(k => a?.[k] === b[k]) && Object.keys(a || {}).length === Object.keys(b).length;

const ZH = { unit: '示例市爱国卫生运动委员会办公室', assessor: '张三', period_from: '2025-01-01', period_until: '2025-12-31', date: '2026-03-15' };
const EN = { unit: 'Example City Health Office', assessor: 'A. Smith', period_from: '2025-01-01', period_until: '2025-12-31', date: '2026-03-16' };

try {
  // ------------------------------------------------------------------- zh: the vetoed pre-2014 city
  await attempt('zh report of the vetoed city', async () => {
    const page = await openPage();
    await fill(page, example('city-vetoed-pre2014.json'));
    const today = await page.inputValue('#rd-date');
    check('the report date defaults to today', today === new Date().toISOString().slice(0, 10) || /^\d{4}-\d{2}-\d{2}$/.test(today), today);
    await details(page, ZH);
    check('the report is not shown on screen', !(await page.isVisible('#report')));
    const ms = await page.evaluate(() => { const t = performance.now(); window.dispatchEvent(new Event('beforeprint')); return performance.now() - t; });
    check(`the report is rebuilt before printing in ${ms.toFixed(1)} ms (31 answers, 14 items, with the yes/no probes)`, ms < 1000, ms);
    const file = path.join(out, 'report-zh.pdf');
    const t = await print(page, file);
    check(`zh PDF written (${t.pages} pages, A4)`, t.pages >= 2 && fs.statSync(file).size > 20_000, t.pages);
    const p1 = t.first;
    check('zh page 1: the title built from the standard', p1.includes('国家卫生城市标准（十项基本条件） 自评报告') || /国家卫生城市标准.*自评报告/.test(p1), p1.slice(0, 300));
    check('zh page 1: unit, assessor, period and date', p1.includes(ZH.unit) && p1.includes('张三') && p1.includes('2025-01-01') && p1.includes('2026-03-15'));
    check('zh page 1: the outcome (不通过) and the vetoes', /总体结果\s+✗\s+不通过/.test(p1) && p1.includes('群众满意率') && p1.includes('病媒生物'), p1);
    check('zh page 1: version, window, status, coverage', p1.includes('2014 年以前版本') && p1.includes('2015-01-01') && p1.includes('已废止') && /10 个条目，31 项输入/.test(p1), p1.slice(0, 900));
    check('zh page 1: the fixes (88% → 90%)', p1.includes('需改正的事项') && p1.includes('从 88% 改为 90%'));
    check('zh page 1: page number "第 1 页，共 N 页"', new RegExp(`第 1 页，共 ${t.pages} 页`).test(p1), p1.slice(-300));
    check('zh: every page numbered', new RegExp(`第 ${t.pages} 页，共 ${t.pages} 页`).test(t.all));
    check('zh: the table columns 条款 要求 实际值 结论', /条款\s+要求\s+实际值\s+结论/.test(t.all));
    check('zh: a row with clause, requirement, actual value and verdict (b10: ≥ 90%, 88%, 不通过), the limiting one marked',
      t.rows.includes('第 10 条群众满意率 | 群众对卫生状况满意率 ≥ 90% | 88%（不符合） ◆ 限制项 | ✗ 不通过'), t.rows);
    check('zh: … the same in the PDF', /群众对卫生状况满意率 ≥ 90%\s+88%（不符/.test(t.all) && (t.all.match(/◆ 限制项/g) || []).length >= 2);
    check('zh: a yes/no clause shows what is required and what was answered (b7: 否)',
      t.rows.includes('第 7 条无烟草广告 | 建成区有烟草广告：否 | 否 | ✓ 通过'), t.rows);
    check('zh: the used standard is headed by its title', t.all.includes('引用标准：全国爱卫会病媒生物控制考核标准（除四害）'));
    check('zh: units in Chinese (只/间, 平方米)', t.all.includes('只/间') && t.all.includes('平方米'));
    check('zh: sources as numbered footnotes', /来源注释[\s\S]*1\. 依据 S2；可信度 B/.test(t.all) || /来源注释[\s\S]*依据 S2；可信度 B/.test(t.all));
    check('zh: signature and seal lines', t.all.includes('评估人签字') && t.all.includes('审核人签字') && t.all.includes('单位盖章'));
    check('zh: no missing-answers list for a complete assessment', !t.all.includes('未填或有误的答案'));
    const latin = latinWords(t.all);
    check('zh: no English words, ids or raw values in the Chinese report', latin.length === 0, latin);
    png(file, path.join(out, 'report-zh-page1'));
    check('screenshot test-output/report-zh-page1.png', fs.statSync(path.join(out, 'report-zh-page1.png')).size > 10_000);

    // The details travel with the answers: the share link …
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    check('the share link carries the report details (r=)', /[#&]r=/.test(link), link);
    const p2 = await openPage(link);
    const got = {};
    for (const k of Object.keys(ZH)) got[k] = await p2.inputValue(`#rd-${k}`);
    check('… and a new page restores them', sameDetails(got, ZH), got);
    await p2.close();
    // … and the saved JSON, which the engine still accepts.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
    const savedText = fs.readFileSync(await dl.path(), 'utf8');
    const saved = JSON.parse(savedText);
    check('the saved JSON keeps the details (note.report, name = the unit)',
      saved.name === ZH.unit && sameDetails(saved.note?.report, ZH), saved.note);
    const accepted = await page.evaluate(t => { try { return JSON.parse(window.yardstick.state.handle.evaluate(t, false)).outcome; } catch (e) { return `refused: ${e.message}`; } }, savedText);
    check('… and the engine accepts the saved JSON (fail, as before)', accepted === 'fail', accepted);
    const p3 = await openPage();
    await p3.setInputFiles('#load', { name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(savedText) });
    await p3.waitForFunction(() => document.querySelector('#outcome')?.dataset.outcome === 'fail');
    check('opening the saved JSON restores the details', await p3.inputValue('#rd-unit') === ZH.unit && await p3.inputValue('#rd-date') === ZH.date);
    await p3.close();
    await page.close();
  });

  // ------------------------------------------------------------------- zh: answers missing
  await attempt('zh report with answers missing', async () => {
    const page = await openPage();
    await fill(page, example('city-missing-pre2014.json'));
    await details(page, ZH);
    const file = path.join(out, 'report-zh-missing.pdf');
    const t = await print(page, file);
    check('zh missing: page 1 says the result is not yet known, best and worst', t.first.includes('尚不能确定') && /最好为“通过”，最差为“不通过”/.test(t.first), t.first);
    const m = t.all.match(/未填或有误的答案([\s\S]*?)(逐项结果|$)/);
    const listed = m ? (m[1].match(/：未填/g) || []).length : 0;
    check('zh missing: the missing answers are listed by label (4), never an empty list',
      listed === 4 && m[1].includes('群众对卫生状况满意率：未填') && m[1].includes('重点单位有蝇房间比例：未填'), m?.[1]);
    const latin = latinWords(t.all);
    check('zh missing: no English words', latin.length === 0, latin);
    await page.close();
  });

  // ------------------------------------------------------------------- zh and en: the fly level B site
  await attempt('level report (fly, level B)', async () => {
    const page = await openPage();
    await fill(page, example('fly2011-level-b.json'));
    await details(page, ZH);
    const tz = await print(page, path.join(out, 'report-zh-fly.pdf'));
    check('zh fly: the level is the headline on page 1 (蝇类密度控制水平 B 级), then the outcome',
      /蝇类密度控制水平\s+B\s*级\s+总体结果\s+✓\s+通过/.test(tz.first), tz.first.slice(0, 1500));
    check('zh fly: levels per row, the rows at the level marked limiting',
      tz.rows.includes('室内 · 有蝇房间阳性率 ≤ 6%（B 级限值） | 4.2%（B 级） ◆ 限制项')
        && tz.rows.includes('室内 · 阳性间蝇密度 ≤ 3 只/间（A 级限值） | 2 只/间（A 级）'), tz.rows);
    check('zh fly: the exceedance multiple as the engine writes it (超标倍数：0.6667)', tz.first.includes('超标倍数：0.6667'), tz.first);
    const latin = latinWords(tz.all);
    check('zh fly: no English words', latin.length === 0, latin);

    await page.click('#lang-toggle');
    await details(page, EN);
    const file = path.join(out, 'report-en.pdf');
    const t = await print(page, file);
    const p1 = t.first;
    check('en page 1: the title', p1.includes('Self-assessment report: Vector density control level: flies'), p1.slice(0, 300));
    check('en page 1: unit, assessor, date', p1.includes(EN.unit) && p1.includes('A. Smith') && p1.includes(EN.date));
    check('en page 1: the level as the headline and the outcome', /Fly control level\s+level B\s+Overall\s+✓\s+Pass/.test(p1), p1);
    check('en page 1: page number "Page 1 of N"', new RegExp(`Page 1 of ${t.pages}`).test(p1), p1.slice(-200));
    check('en: the table columns', /Clause\s+Requirement\s+Actual value\s+Verdict/.test(t.all));
    check('en: levels per row, the group in English (the engine\'s group_labels.en)', t.rows.includes('indoor · rooms with flies ≤ 6% (limit of level B) | 4.2% (level B) ◆ limiting'), t.rows);
    check('en: signature and seal lines', t.all.includes("Assessor's signature") && t.all.includes("Reviewer's signature") && t.all.includes('Seal of the unit'));
    const cjk = [...new Set(t.all.match(CJK) || [])];
    check('en: no Chinese in the English report', cjk.length === 0, cjk.join(''));
    png(file, path.join(out, 'report-en-page1'));
    check('screenshot test-output/report-en-page1.png', fs.statSync(path.join(out, 'report-en-page1.png')).size > 10_000);
    await page.close();
  });

  // ------------------------------------------------------------------- en: the vetoed city
  await attempt('en report of the vetoed city', async () => {
    const page = await openPage();
    await fill(page, example('city-vetoed-pre2014.json'));
    await page.click('#lang-toggle');
    await details(page, EN);
    const t = await print(page, path.join(out, 'report-en-vetoed.pdf'));
    check('en vetoed: page 1 has the outcome and the vetoes', /Overall\s+✗\s+Fail/.test(t.first) && t.first.includes("residents' satisfaction"), t.first);
    check('en vetoed: the veto section in English', /basic conditions/i.test(t.all) && !t.all.includes('基本条件'));
    const cjk = [...new Set(t.all.match(CJK) || [])];
    check('en vetoed: no Chinese', cjk.length === 0, cjk.join(''));
    check('en vetoed: sources in full as footnotes', t.all.includes('S2: pre-2014 ten basic conditions (two copies agree) (tier B)'));
    await page.close();
  });

  // ------------------------------------------------------------------- every example, both languages
  // The report's text (as printed: rebuilt on beforeprint) for every assessment of examples/assessments/:
  // no Latin words in Chinese, no Chinese in English. In English the footnotes quote each source as the
  // standard writes it, and some of those name Chinese sources only in Chinese (绵阳日报, items 十-十五 of
  // the 2021 text): the footnotes are left out of the English check.
  await attempt('every example in zh and en', async () => {
    const page = await openPage();
    const dir = path.join(root, 'examples', 'assessments');
    const bad = [];
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort();
    for (const f of files) {
      const a = example(f);
      await fill(page, { ...a, inputs: {} });
      await page.setInputFiles('#load', path.join(dir, f));
      await page.waitForFunction(() => document.querySelector('#outcome')?.dataset.outcome);
      for (const lang of ['zh', 'en']) {
        if ((await page.getAttribute('html', 'lang')).slice(0, 2) !== lang) await page.click('#lang-toggle');
        const text = await page.evaluate(en => {
          window.dispatchEvent(new Event('beforeprint'));
          const r = document.querySelector('#report').cloneNode(true);
          if (en) r.querySelectorAll('.r-notes li').forEach(li => li.remove());
          return r.textContent;
        }, lang === 'en');
        const found = lang === 'zh' ? latinWords(text) : [...new Set(text.match(CJK) || [])];
        if (found.length) bad.push({ f, lang, found: found.join(' ') });
        if (!text.includes(lang === 'zh' ? '评估结论' : 'Conclusion')) bad.push({ f, lang, found: 'no report' });
      }
      if ((await page.getAttribute('html', 'lang')).slice(0, 2) !== 'zh') await page.click('#lang-toggle');
    }
    check(`every example assessment (${files.length}) reports in Chinese without English and in English without Chinese`, bad.length === 0, bad);
    await page.close();
  });

  check('no requests left 127.0.0.1', foreign.length === 0, foreign);
  check('no console errors', errors.length === 0, errors);
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`pdfs: ${['report-zh.pdf', 'report-en.pdf'].map(f => path.join('test-output', f)).join(', ')}; screenshots: ${['report-zh-page1.png', 'report-en-page1.png'].map(f => path.join('test-output', f)).join(', ')}`);
console.log(`report: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
