// Writes the bibliography pages (dist/sources.html in Chinese, dist/sources.en.html in English): the
// confidence tiers and every source code the standards cite, from web/src/coverage.js, each code an
// anchor (`sources.html#S16`) that the calculator links to.
import fs from 'node:fs';
import path from 'node:path';
import { TIERS, SOURCES, COVERAGE } from './src/coverage.js';

const esc = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const WORDS = {
  zh: { lang: 'zh-CN', title: '可信度与来源', back: '返回计算器', tiers: '可信度', sources: '来源', coverage: '各标准的编码范围',
    full: '已编码全部条款', partial: '只编码了部分条款', other: 'English', otherHref: 'sources.en.html', seed: '示例文档',
    lead: '每个阈值都注明来源和可信度。可信度 A 最可靠；C 只是线索；S 只见于示例文档。未知的数值不编码，计算结果宁可说“尚不能确定”。' },
  en: { lang: 'en', title: 'Confidence tiers and sources', back: 'Back to the calculator', tiers: 'Confidence tiers', sources: 'Sources',
    coverage: 'How much of each standard is encoded', full: 'every clause is encoded', partial: 'only some clauses are encoded',
    other: '中文', otherHref: 'sources.html', seed: 'seed documents',
    lead: 'Every threshold names its source and tier. Tier A is the most reliable; C is only a lead; S appears only in the seed documents. Unknown numbers are not encoded: a result says “not yet known” rather than guess.' },
};

export function sourcesPage(lang) {
  const w = WORDS[lang];
  const t = x => esc(x[lang]);
  return `<!doctype html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Yardstick · ${esc(w.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
</head>
<body>
<main id="main" class="sources-page">
<p><a href="index.html">← ${esc(w.back)}</a> · <a href="${w.otherHref}" lang="${lang === 'zh' ? 'en' : 'zh'}">${esc(w.other)}</a></p>
<h1>${esc(w.title)}</h1>
<p>${esc(w.lead)}</p>
<h2>${esc(w.tiers)}</h2>
<dl class="glossary">
${Object.entries(TIERS).map(([k, v]) => `<div class="hrow" id="tier-${k}"><dt>${k}</dt><dd>${t(v)}</dd></div>`).join('\n')}
</dl>
<h2>${esc(w.sources)}</h2>
<dl class="glossary">
${Object.entries(SOURCES).map(([k, v]) => `<div class="hrow" id="${k}"><dt>${k === 'seed' ? esc(w.seed) : k}</dt><dd>${t(v)}</dd></div>`).join('\n')}
</dl>
<h2>${esc(w.coverage)}</h2>
<dl class="glossary">
${Object.entries(COVERAGE).map(([k, v]) => `<div class="hrow"><dt class="mono">${esc(k)}</dt><dd>${esc(v.complete ? w.full : w.partial)}：${t(v)}</dd></div>`).join('\n').replace(/：/g, lang === 'zh' ? '：' : ': ')}
</dl>
</main>
</body>
</html>
`;
}

export function writeSources(dist) {
  fs.writeFileSync(path.join(dist, 'sources.html'), sourcesPage('zh'));
  fs.writeFileSync(path.join(dist, 'sources.en.html'), sourcesPage('en'));
}
