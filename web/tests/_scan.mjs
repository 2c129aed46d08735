import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
const { server, url } = await serve('/work/wt-report/web/dist');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
p.on('pageerror', e => console.log('PAGEERROR', String(e)));
await p.goto(url + 'index.html');
await p.waitForFunction(() => window.yardstick?.ready);
const dir = '/work/wt-report/examples/assessments/';
const ALLOWED = [/Yardstick/g, /GB\/T/g, /\bS\d+\b/g, /\b[0-9a-f]{12}\b/g, /\bAPI\b/g, /(?<![A-Za-z])[A-DS](?![A-Za-z])/g];
for (const f of fs.readdirSync(dir)) {
  const a = JSON.parse(fs.readFileSync(dir + f, 'utf8'));
  await p.selectOption('#standard', a.standard);
  const versions = await p.$$eval('#version option', o => o.map(x => x.value));
  await p.selectOption('#version', a.version ?? versions[versions.length - 1]);
  await p.setInputFiles('#load', dir + f);
  await p.waitForTimeout(150);
  for (const lang of ['zh', 'en']) {
    if ((await p.getAttribute('html', 'lang')).slice(0, 2) !== lang) await p.click('#lang-toggle');
    await p.emulateMedia({ media: 'print' });
    const t = await p.$eval('#report', e => e.innerText);
    await p.emulateMedia({ media: 'screen' });
    let bad;
    if (lang === 'zh') { let x = t; for (const re of ALLOWED) x = x.replace(re, ' '); bad = [...new Set(x.match(/[A-Za-z][A-Za-z_.]*/g) || [])]; }
    else bad = [...new Set(t.match(/[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+/g) || [])];
    if (bad.length) console.log(f, lang, JSON.stringify(bad));
  }
  if ((await p.getAttribute('html', 'lang')).slice(0, 2) !== 'zh') await p.click('#lang-toggle');
}
await b.close(); server.close();
