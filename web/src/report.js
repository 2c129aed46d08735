// The official printed report (issue 13, build point 1): a print-only <section id="report"> built from the
// standard's form, the explained result (docs/json.md §2–§3) and the answers, plus the "report details"
// (assessed unit, period, assessor, date) that the page keeps with the answers: in the share link's
// fragment (`r=`) and in the saved assessment JSON (its `name` and `note` fields, the only free fields an
// assessment may carry: docs/json.md §1.2). Every word printed is in REPORT_WORDS (zh and en).
//
// The page calls:
//   init({ snapshot, onChange })  once: renders the details fieldset into #report-details and re-renders the
//                                 report before printing (beforeprint and the print media query);
//                                 `snapshot()` returns { lang, schema, result, resultText, values, errors,
//                                 docs, assessment(), evaluate(text) } (see app.js): `assessment()` the
//                                 assessment JSON of the valid answers, `evaluate` a summary evaluation;
//                                 `onChange()` after a detail changes (the page rewrites its fragment).
//   render()                      (re)builds the report from snapshot();
//   refresh()                     after the language changes (re-labels the fieldset);
//   toParams(p) / fromParams(p)   the details in URLSearchParams of the fragment;
//   intoAssessment(text) / fromAssessment(obj) the details in the saved JSON;
//   setDetails(d) / getDetails()  the details themselves.

// ------------------------------------------------------------------------------------------ words
import { el } from './dom.js';
import { b64urlEncode, b64urlDecode } from './keep.js';

export const REPORT_WORDS = {
  zh: {
    detailsLegend: '报告信息',
    detailsHelp: '打印报告时写在首页；随答案一起保存在链接和 JSON 文件中。',
    unit: '被评估单位', periodFrom: '评估期间（起）', periodUntil: '评估期间（止）', period: '评估期间',
    assessor: '评估人', date: '评估日期',
    reportTitle: t => `${t} 自评报告`,
    standardBlock: '评估依据', standard: '标准', version: '版本', window: '有效期', status: '状态',
    coverage: '已编码内容', source: '来源',
    coverageText: (items, inputs) => `${items} 个条目，${inputs} 项输入`,
    from: '自', until: '至', noWindow: '未写明', periodTo: '至',
    versionName: v => (/^pre-(\d{4})$/.test(v) ? `${v.slice(4)} 年以前版本` : v === 'seed' ? '种子文件版本' : v),
    statusNames: { draft: '草案', accepted: '现行', superseded: '已被替代', obsolete: '已废止' },
    statusWarn: { draft: '注意：本标准为草案，结果仅供参考。', superseded: '注意：本标准已被新版本替代。', obsolete: '注意：本标准已废止，结果仅供参考。' },
    seedWarn: '注意：本标准依据未经核实的种子文件编写（可信度 S），结果仅供参考。',
    outcomeHeading: '评估结论', outcomeLead: '总体结果',
    outcomeNames: { pass: '通过', fail: '不通过', unknown: '尚不能确定', not_applicable: '不适用' },
    levelValue: v => `${v} 级`, gradeLead: '等级',
    vetoedBy: '否决项（任一项不通过即整体不通过）：', vetoItem: (clause, label) => (clause ? `${REPORT_WORDS.zh.clauseNo(clause)} ${label}` : label),
    partialLine: (n, best, worst) => `尚有 ${n} 项答案未填，结果尚不能确定：最好为“${best}”，最差为“${worst}”。`,
    partialOutput: (label, best, worst) => `${label}：最好 ${best}，最差 ${worst}`,
    invalidLine: n => `${n} 个答案有误，计算时已略去（见“未填或有误的答案”）。`,
    fixesHeading: '需改正的事项', fixesHelp: '每一条都已重新计算验证：只改这一项即可使该条目通过。',
    noFixes: '无。',
    missingHeading: '未填或有误的答案', missingNone: '无：所有答案均已填写。',
    missingItem: label => `${label}：未填`, invalidItem: (label, why) => `${label}：有误，未计入（${why}）`,
    detailHeading: '逐项结果',
    colClause: '条款', colRequirement: '要求', colActual: '实际值', colVerdict: '结论',
    clauseNo: c => (/^\d+(\.\d+)*$/.test(c) ? `第 ${c} 条` : c),
    usedHeading: t => (t ? `引用标准：${t}` : '引用标准的条目'),
    otherSection: '其他条目', ownItems: '本标准条目', vetoTag: '否决项', basicSection: '基本条件',
    limiting: '限制项', limitingLegend: '◆ 限制项：决定本项结论（或等级）的指标。',
    levelLimit: l => `（${l} 级限值）`, lowestLimit: '（最低合格等级限值）',
    rowLevel: l => `${l} 级`,
    holds: { true: '符合', false: '不符合', null: '待定' },
    verdictLevel: (lv, o) => `${lv} 级（${o}）`,
    asClause: '按条款判定', noAnswer: '未填', yes: '是', no: '否',
    outputsHeading: '等级与得分',
    sourcesHeading: '来源注释',
    sourceNote: (codes, tier, seed) => [codes.length ? `依据 ${codes.join('、')}` : seed ? '依据本项目的种子文件' : '依据本标准所列来源', tier ? `可信度 ${tier}` : null].filter(Boolean).join('；'),
    sourcesHelp: '来源编号（如 S2）对应的文献见本项目的参考文献表。',
    tiersLegend: '可信度：A 官方文本、官方通知或同行评审论文；B 可靠的二手来源（新闻、疾控网站、书籍摘录）；C 低质量转载或第三方应用，仅作线索；S 仅见于本项目起始的种子文件，未经核实。',
    signHeading: '签字与盖章', signAssessor: '评估人签字', signReviewer: '审核人签字', seal: '单位盖章', signDate: '日期',
    computedBy: hash => `本报告由 Yardstick 自评计算器在本机计算生成；标准文本校验码 ${hash}。`,
    page: '"第 " counter(page) " 页，共 " counter(pages) " 页"',
    empty: '—', sep: '；', comma: '，', colon: '：',
    paren: x => `（${x}）`,
  },
  en: {
    detailsLegend: 'Report details',
    detailsHelp: 'Printed on the first page of the report; kept with the answers in the link and the JSON file.',
    unit: 'Assessed unit', periodFrom: 'Period from', periodUntil: 'Period until', period: 'Period',
    assessor: 'Assessor', date: 'Date of assessment',
    reportTitle: t => `Self-assessment report: ${t}`,
    standardBlock: 'Standard applied', standard: 'Standard', version: 'Version', window: 'In force', status: 'Status',
    coverage: 'Encoded', source: 'Source',
    coverageText: (items, inputs) => `${items} item(s), ${inputs} input(s)`,
    from: 'from', until: 'until', noWindow: 'not stated', periodTo: 'to',
    versionName: v => v,
    statusNames: { draft: 'draft', accepted: 'in force', superseded: 'superseded', obsolete: 'obsolete' },
    statusWarn: { draft: 'Note: this standard is a draft; the result is for reference only.', superseded: 'Note: this standard has been superseded by a newer version.', obsolete: 'Note: this standard is obsolete; the result is for reference only.' },
    seedWarn: 'Note: this standard is written from unverified seed documents (tier S); the result is for reference only.',
    outcomeHeading: 'Conclusion', outcomeLead: 'Overall',
    outcomeNames: { pass: 'Pass', fail: 'Fail', unknown: 'Not yet known', not_applicable: 'Not applicable' },
    levelValue: v => `level ${v}`, gradeLead: 'Grade',
    vetoedBy: 'Vetoes (any one failing fails the whole standard): ', vetoItem: (clause, label) => (clause ? `${REPORT_WORDS.en.clauseNo(clause)}, ${label}` : label),
    partialLine: (n, best, worst) => `${n} answer(s) missing, so the result is not yet known: at best "${best}", at worst "${worst}".`,
    partialOutput: (label, best, worst) => `${label}: at best ${best}, at worst ${worst}`,
    invalidLine: n => `${n} answer(s) are not valid and were left out (see "Answers missing or not valid").`,
    fixesHeading: 'What would have to change', fixesHelp: 'Each was checked by re-evaluating: changing this one answer alone makes the item pass.',
    noFixes: 'None.',
    missingHeading: 'Answers missing or not valid', missingNone: 'None: every answer is given.',
    missingItem: label => `${label}: not answered`, invalidItem: (label, why) => `${label}: not valid, left out (${why})`,
    detailHeading: 'Item by item',
    colClause: 'Clause', colRequirement: 'Requirement', colActual: 'Actual value', colVerdict: 'Verdict',
    clauseNo: c => (/^\d+(\.\d+)*$/.test(c) ? `Clause ${c}` : chapterEn(c)),
    usedHeading: t => (t ? `Standard used: ${t}` : 'Items of the standards used'),
    otherSection: 'Other items', ownItems: 'Items of this standard', vetoTag: 'veto', basicSection: 'Basic conditions',
    limiting: 'limiting', limitingLegend: "◆ limiting: the indicator that decides the item's verdict (or level).",
    levelLimit: l => ` (limit of level ${l})`, lowestLimit: ' (limit of the lowest passing level)',
    rowLevel: l => `level ${l}`,
    holds: { true: 'met', false: 'not met', null: 'undecided' },
    verdictLevel: (lv, o) => `level ${lv} (${o})`,
    asClause: 'as the clause decides', noAnswer: 'not answered', yes: 'yes', no: 'no',
    outputsHeading: 'Levels and scores',
    sourcesHeading: 'Sources',
    sourceNote: null,
    sourcesHelp: "Source codes (such as S2) refer to the project's bibliography.",
    tiersLegend: 'Tiers: A government site, official notice or peer-reviewed paper; B reputable secondary source (news, CDC site, book excerpt); C low-quality mirror or third-party app, a lead only; S only in the seed documents this project started from, unverified.',
    signHeading: 'Signatures and seal', signAssessor: "Assessor's signature", signReviewer: "Reviewer's signature", seal: 'Seal of the unit', signDate: 'Date',
    computedBy: hash => `Computed on this device by the Yardstick self-assessment calculator; checksum of the standard's text ${hash}.`,
    page: '"Page " counter(page) " of " counter(pages)',
    empty: '—', sep: '; ', comma: ', ', colon: ': ',
    paren: x => ` (${x})`,
  },
};


/** A clause written in Chinese as a chapter or item number (第一章, 第十二条), in English; else as written
 * (then it is a name the standard has only in Chinese). */
function chapterEn(c) {
  const m = /^第([一二三四五六七八九十]+)([章条节])$/.exec(c);
  if (!m) return c;
  const d = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const t = m[1].split('十');
  const n = t.length === 1 ? d[t[0]] : (t[0] ? d[t[0]] : 1) * 10 + (t[1] ? d[t[1]] : 0);
  return `${{ 章: 'Chapter', 条: 'Article', 节: 'Section' }[m[2]]} ${n}`;
}

const OPS = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=', '!=': '≠' };
const MARK = { pass: '✓', fail: '✗', unknown: '?', not_applicable: '–' };
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

// ------------------------------------------------------------------------------------------ state
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const FIELDS = ['unit', 'period_from', 'period_until', 'assessor', 'date'];
/** Longest detail kept (characters): a name or a period fits easily, a pasted page does not. */
export const MAX_DETAIL_CHARS = 200;
const blank = () => ({ unit: '', period_from: '', period_until: '', assessor: '', date: today() });
let details = blank();
let opts = { snapshot: () => ({}), onChange: () => {} };

/** The details, cleaned: known fields only, strings, at most MAX_DETAIL_CHARS each. */
function clean(d) {
  const out = blank();
  if (!d || typeof d !== 'object') return out;
  for (const k of FIELDS) if (typeof d[k] === 'string') out[k] = d[k].slice(0, MAX_DETAIL_CHARS);
  if (!out.date) out.date = today();
  return out;
}

export function getDetails() { return { ...details }; }
export function setDetails(d) { details = clean(d); renderDetails(); }
const detailsGiven = d => !!(d.unit || d.period_from || d.period_until || d.assessor || (d.date && d.date !== today()));
/** Whether any detail differs from a blank form's (dated today). */
export function hasDetails() { return detailsGiven(details); }

// ----------------------------------------------------------------------------- fragment and file
/** Write the details into the fragment's parameters (`r=`, base64url JSON); nothing when all are default. */
export function toParams(p) {
  if (detailsGiven(details)) p.set('r', b64urlEncode(JSON.stringify(details)));
}

/** The details of a fragment, or null when it has none (or they cannot be read). */
export function fromParams(p) {
  const r = p.get('r');
  if (!r) return null;
  try { return clean(JSON.parse(b64urlDecode(r))); } catch { return null; }
}

/** The saved assessment text with the details added: `name` = the assessed unit (what `yardstick batch`
 * echoes), `note` = {"report": {…every detail…}}. Both are fields an assessment may carry (docs/json.md
 * §1.2); the engine reads neither. `text` is the page's pretty assessment text (starts with "{\n"). */
export function intoAssessment(text) {
  const extra = [];
  if (details.unit) extra.push(`  "name": ${JSON.stringify(details.unit)}`);
  extra.push(`  "note": ${JSON.stringify({ report: details })}`);
  return text.replace(/^\{\n/, `{\n${extra.join(',\n')},\n`);
}

/** The details of a parsed assessment object (its `note.report`, else its `name` as the unit), or null. */
export function fromAssessment(v) {
  if (!v || typeof v !== 'object') return null;
  const r = v.note && typeof v.note === 'object' ? v.note.report : null;
  if (r && typeof r === 'object') return clean(r);
  if (typeof v.name === 'string' && v.name) return clean({ unit: v.name });
  return null;
}

// ------------------------------------------------------------------------------------- the fieldset

let renderLang = null;   // the language of the report being built (read once per render)
const lang = () => renderLang ?? (opts.snapshot().lang === 'en' ? 'en' : 'zh');
const RW = () => REPORT_WORDS[lang()];

function renderDetails() {
  const box = document.getElementById('report-details');
  if (!box) return;
  const w = RW();
  const field = (k, label, type) => el('div', { class: 'field' },
    el('label', { for: `rd-${k}` }, label),
    el('div', { class: 'control' }, el('input', {
      id: `rd-${k}`, type, 'data-detail': k, value: details[k], maxlength: type === 'text' ? MAX_DETAIL_CHARS : null,
      autocomplete: k === 'assessor' ? 'name' : k === 'unit' ? 'organization' : 'off',
    })));
  box.replaceChildren(el('fieldset', { class: 'section report-details', id: 'report-details-fs' },
    el('legend', { text: w.detailsLegend }),
    el('p', { class: 'hint', text: w.detailsHelp }),
    el('div', { class: 'fields' },
      field('unit', w.unit, 'text'), field('assessor', w.assessor, 'text'),
      field('period_from', w.periodFrom, 'date'), field('period_until', w.periodUntil, 'date'),
      field('date', w.date, 'date'))));
}

function onDetailInput(ev) {
  const k = ev.target?.dataset?.detail;
  if (!k) return;
  details[k] = String(ev.target.value).slice(0, MAX_DETAIL_CHARS);
  opts.onChange();
}

export function init(o) {
  opts = { ...opts, ...o };
  const box = document.getElementById('report-details');
  if (box) { box.addEventListener('input', onDetailInput); box.addEventListener('change', onDetailInput); }
  renderDetails();
  window.addEventListener('beforeprint', render);
  window.matchMedia?.('print').addEventListener?.('change', e => { if (e.matches) render(); });
}

export function refresh() { renderDetails(); }

// ------------------------------------------------------------------------------------- formatting
/** Parse a result text keeping every number's written digits (as strings): a report must not round. */
function exactParse(text) {
  return JSON.parse(text, (k, v, ctx) => (typeof v === 'number' && ctx && typeof ctx.source === 'string' ? ctx.source : v));
}

function labelOf(labels, fallback) {
  const l = lang();
  const v = labels && labels[l];
  if (v) return v;
  if (l === 'zh' && labels?.en && !labels.zh) return fallback;
  if (l === 'en' && labels?.zh && CJK.test(labels.zh)) return fallback;
  return v || fallback;
}

/** A unit in the report's language: the form gives each input's unit in both languages (the engine's
 * table of units); a unit the table lacks is printed as written. */
function unitText(u) {
  if (!u) return '';
  if (lang() !== 'zh') return u;
  let schema = null;
  try { schema = opts.snapshot().schema; } catch { schema = null; }
  const inp = schema?.inputs?.find(i => i.unit === u && i.unit_labels?.zh);
  return inp ? inp.unit_labels.zh : u;
}

/** A number with its unit: `86.5%`, `9.4 平方米`. */
function withUnit(v, percent, unit) {
  if (v === null || v === undefined || v === '') return RW().noAnswer;
  if (percent) return `${v}%`;
  const u = unitText(unit);
  return u ? `${v} ${u}` : String(v);
}

/** What was typed for an input, as the engine read it (number words trimmed, a trailing % dropped). */
function typed(inp, raw) {
  if (raw === undefined || raw === '') return null;
  const w = RW();
  if (inp.type === 'bool') return raw === 'true' ? w.yes : raw === 'false' ? w.no : raw;
  if (['count', 'percent', 'number'].includes(inp.type)) return raw.normalize('NFKC').trim().replace(/^\+/, '').replace(/%$/, '').trim();
  return raw;
}

function windowText(from, until) {
  const w = RW();
  if (from && until) return `${from} – ${until}`;
  if (from) return `${w.from} ${from}`;
  if (until) return `${w.until} ${until}`;
  return w.noWindow;
}

function docTitle(docs, id, version) {
  const d = (docs || []).find(x => x.id === id && x.version === version);
  return d && d.title ? labelOf(d.title, null) : null;
}

// ------------------------------------------------------------------------------------- the report
/** (Re)build the report from the page's latest state. */
export function render() {
  const target = document.getElementById('report');
  if (!target) return;
  let snap;
  try { snap = opts.snapshot(); } catch { snap = null; }
  target.replaceChildren();
  if (!snap || !snap.schema) return;
  renderLang = snap.lang === 'en' ? 'en' : 'zh';
  try { build(target, snap); } finally { renderLang = null; }
}

function build(target, snap) {
  const w = RW(), l = lang();
  target.lang = l === 'zh' ? 'zh-CN' : 'en';
  let r = snap.result;
  if (snap.resultText) { try { r = exactParse(snap.resultText); } catch { r = snap.result; } }
  const s = snap.schema;
  const inputsById = new Map(s.inputs.map(i => [i.id, i]));
  const title = labelOf(s.title, s.id);
  const notes = new Footnotes();

  pageStyle(w, title);

  // ---- title and details
  target.append(el('header', { class: 'r-head' },
    el('h1', { class: 'r-title', text: w.reportTitle(title) }),
    el('table', { class: 'r-kv r-details' }, el('tbody', {},
      kv(w.unit, details.unit || ' ', 'r-unit'),
      kv(w.period, details.period_from || details.period_until
        ? `${details.period_from || '    '} ${w.periodTo} ${details.period_until || '    '}` : ' ', 'r-period'),
      kv(w.assessor, details.assessor || ' ', 'r-assessor'),
      kv(w.date, details.date || ' ', 'r-date')))));

  // ---- the standard
  const own = r ? r.items.filter(i => !i.path && i.kind !== 'value') : [];
  const stdRows = [
    kv(w.standard, title),
    kv(w.version, w.versionName(s.version)),
    kv(w.window, windowText(s.effective?.from, s.effective?.until) + (l === 'en' && s.effective?.note ? w.paren(s.effective.note) : '')),
    kv(w.status, s.status ? (w.statusNames[s.status] || s.status) : w.empty),
    kv(w.coverage, w.coverageText(own.length, s.inputs.length)),
  ];
  if (s.source) stdRows.push(kv(w.source, el('span', {}, sourceShort(s.source), notes.ref(s.source))));
  target.append(el('section', { class: 'r-std' }, el('h2', { text: w.standardBlock }),
    el('table', { class: 'r-kv' }, el('tbody', {}, stdRows))));
  const warn = s.status && w.statusWarn[s.status];
  if (warn) target.append(el('p', { class: 'r-warn', text: warn }));
  if (s.source?.tier === 'S') target.append(el('p', { class: 'r-warn', text: w.seedWarn }));

  if (!r) { target.append(el('p', { text: w.outcomeNames.unknown })); return; }

  // ---- the outcome first: the level or grade as the headline
  const ladders = own.filter(i => i.kind === 'levels');
  const gradeItem = r.items.find(i => !i.path && i.kind === 'grade');
  const byId = new Map(r.items.map(i => [i.id, i]));
  const head = el('section', { class: `r-outcome r-o-${r.outcome}`, id: 'report-outcome', 'data-outcome': r.outcome },
    el('h2', { text: w.outcomeHeading }));
  if (r.grade !== null && r.grade !== undefined) {
    const gl = labelOf(r.grade_labels, r.grade);
    head.append(el('p', { class: 'r-headline' }, el('span', { class: 'r-headline-label', text: gradeItem ? labelOf(gradeItem.labels, w.gradeLead) : w.gradeLead }),
      el('strong', { class: 'r-headline-value', text: gl })));
  }
  for (const ld of ladders) {
    head.append(el('p', { class: 'r-headline' }, el('span', { class: 'r-headline-label', text: labelOf(ld.labels, w.gradeLead) }),
      el('strong', { class: 'r-headline-value', text: ld.value !== null ? w.levelValue(ld.value) : w.outcomeNames.unknown })));
  }
  head.append(el('p', { class: 'r-verdict' }, el('span', { class: 'r-headline-label', text: w.outcomeLead }),
    el('strong', { class: 'r-verdict-word', text: `${MARK[r.outcome] || ''} ${w.outcomeNames[r.outcome] || r.outcome}` })));
  if (r.vetoed_by.length) {
    head.append(el('p', { class: 'r-vetoes' }, w.vetoedBy, r.vetoed_by.map(id => {
      const it = byId.get(id);
      return w.vetoItem(it?.clause, it ? labelOf(it.labels, w.clauseNo(it.clause || '')) : '');
    }).join(w.sep)));
  }
  if (r.partial) {
    head.append(el('p', {}, w.partialLine(r.missing.length, w.outcomeNames[r.partial.best], w.outcomeNames[r.partial.worst])));
    for (const [k, v] of Object.entries(r.partial.outputs || {})) {
      const it = byId.get(k);
      const lv = x => (x === null ? w.empty : it?.kind === 'levels' ? w.levelValue(x) : x);
      head.append(el('p', {}, w.partialOutput(it ? labelOf(it.labels, k) : k, lv(v.best), lv(v.worst))));
    }
  }
  const nInvalid = Object.keys(snap.errors || {}).length;
  if (nInvalid) head.append(el('p', { class: 'r-warn', text: w.invalidLine(nInvalid) }));
  // Other outputs (scores, values such as the exceedance multiple).
  const outs = r.items.filter(i => !i.path && (i.kind === 'score' || i.kind === 'value') && i.value !== null && i.id in (r.outputs || {}));
  if (outs.length) {
    head.append(el('p', { class: 'r-outputs' }, outs.map(i => `${labelOf(i.labels, i.id)}${w.colon}${i.multiple_text ?? i.value_text ?? i.value}`).join(w.sep)));
  }
  target.append(head);

  // ---- fixes and missing answers (short; on the first page with the outcome)
  if (r.fixes.length) {
    target.append(el('section', { class: 'r-fixes', id: 'report-fixes' }, el('h2', { text: w.fixesHeading }),
      el('p', { class: 'r-help', text: w.fixesHelp }),
      el('ol', {}, r.fixes.map(f => el('li', { text: f[l] || f.zh || f.en }))))) ;
  }
  const missing = r.missing.map(id => w.missingItem(labelOf(inputsById.get(id)?.labels, id)));
  const invalid = Object.entries(snap.errors || {}).map(([id, why]) => w.invalidItem(labelOf(inputsById.get(id)?.labels, id), why));
  if (missing.length || invalid.length) {
    target.append(el('section', { class: 'r-missing', id: 'report-missing' }, el('h2', { text: w.missingHeading }),
      el('ol', {}, [...invalid, ...missing].map(t => el('li', { text: t })))));
  }

  // ---- a table per section
  const boolReq = probeBooleans(snap, r);
  const detail = el('section', { class: 'r-detail' }, el('h2', { text: w.detailHeading }),
    el('p', { class: 'r-help', text: w.limitingLegend }));
  for (const g of groups(r, s, snap.docs, w)) {
    detail.append(el('div', { class: 'r-section' }, el('h3', {}, g.title, g.veto ? el('span', { class: 'r-tag', text: w.vetoTag }) : null),
      table(g.items, { w, l, inputsById, values: snap.values || {}, notes, boolReq })));
  }
  target.append(detail);

  // ---- sources as footnotes
  if (notes.list.length) {
    target.append(el('section', { class: 'r-notes' }, el('h2', { text: w.sourcesHeading }),
      el('ol', {}, notes.list.map(src => el('li', { id: `r-fn-${src.n}` }, sourceLong(src)))),
      el('p', { class: 'r-help', text: w.sourcesHelp }),
      el('p', { class: 'r-help', text: w.tiersLegend })));
  }

  // ---- signatures and seal
  const line = (label, cls) => el('div', { class: `r-sign ${cls || ''}` }, el('span', { class: 'r-sign-label', text: label }), el('span', { class: 'r-sign-line' }));
  target.append(el('section', { class: 'r-signatures', id: 'report-signatures' }, el('h2', { text: w.signHeading }),
    el('div', { class: 'r-sign-grid' },
      line(w.signAssessor), line(w.signDate),
      line(w.signReviewer), line(w.signDate),
      line(w.seal, 'r-seal'), line(w.signDate))),
  el('p', { class: 'r-foot', text: w.computedBy(String(s.hash || '').slice(0, 12)) }));
}

function kv(k, v, cls) {
  return el('tr', { class: cls }, el('th', { scope: 'row', text: k }), el('td', {}, v));
}

/** The @page rule: A4, margins, the page number (and the title) in the margin boxes, in the page's language. */
function pageStyle(w, title) {
  let st = document.getElementById('report-page-style');
  if (!st) { st = document.createElement('style'); st.id = 'report-page-style'; document.head.append(st); }
  const q = x => JSON.stringify(x);
  st.textContent = `@page { size: A4; margin: 18mm 16mm 20mm 18mm;
  @top-left { content: ${q(w.reportTitle(title))}; font-size: 8pt; color: #555; }
  @top-right { content: ${q(details.unit || '')}; font-size: 8pt; color: #555; }
  @bottom-center { content: ${w.page}; font-size: 9pt; } }`;
}

// ------------------------------------------------------------------------------------- sources
class Footnotes {
  constructor() { this.list = []; this.keys = new Map(); }
  ref(src) {
    if (!src || !src.source) return null;
    const key = sourceLong(src);
    let n = this.keys.get(key);
    if (!n) { n = this.list.length + 1; this.keys.set(key, n); this.list.push({ ...src, n }); }
    return el('sup', { class: 'r-fn' }, `[${n}]`);
  }
}

/** The codes a source names (S2, S6-S8, GB/T 27772-2011): what a Chinese footnote can print. */
function sourceCodes(text) {
  return [...new Set(String(text).match(/GB\/T \d+(?:-\d+)?|S\d+(?:[-–]S\d+)?/g) || [])];
}

function sourceShort(src) {
  const w = RW();
  const codes = sourceCodes(src.source);
  if (lang() === 'zh') return w.sourceNote(codes, src.tier, /^seed documents\b/.test(src.source));
  // English: the codes (the footnote quotes the source in full).
  return (codes.length ? codes.join(', ') : src.source) + (src.tier ? ` (tier ${src.tier})` : '');
}

function sourceLong(src) {
  if (lang() === 'zh') return sourceShort(src);
  return src.source + (src.tier ? ` (tier ${src.tier})` : '') + (src.note ? `; ${src.note}` : '');
}

// ------------------------------------------------------------------------------------- the tables
/** Items in report order, grouped: own sections (writing order), own items outside a section, then each
 * used standard. */
function groups(r, s, docs, w) {
  const items = r.items.filter(i => i.kind !== 'value');
  const out = [];
  const find = key => out.find(g => g.key === key);
  const lineage = (r.standard?.lineage || s.lineage || []).map(x => { const at = x.indexOf('@'); return [x.slice(0, at), x.slice(at + 1)]; });
  for (const it of items) {
    let key, title, veto = false;
    if (it.path && it.path.length) {
      key = `use:${it.path[0]}`;
      // The used standard's title: the lineage entry whose items are reached through this name.
      const used = lineage.slice(1).map(([id, v]) => docTitle(docs, id, v) ? `${docTitle(docs, id, v)}${w.paren(w.versionName(v))}` : null).filter(Boolean);
      // With several (a standard it extends also uses one), the heading names none rather than guess.
      title = w.usedHeading(used.length === 1 ? used[0] : null);
    } else if (it.section) {
      key = `sec:${it.section}`;
      const meta = s.sections.find(x => x.id === it.section);
      veto = !!meta?.veto;
      title = labelOf(meta?.labels, meta?.veto ? w.basicSection : w.otherSection);
    } else {
      key = 'other';
      title = s.sections.length ? w.otherSection : w.ownItems;
    }
    let g = find(key);
    if (!g) { g = { key, title, veto, items: [] }; out.push(g); }
    g.items.push(it);
  }
  // Own sections in writing order first, then own items without a section, then used standards.
  const rank = g => (g.key.startsWith('sec:') ? s.sections.findIndex(x => `sec:${x.id}` === g.key) : g.key === 'other' ? 1e6 : 2e6);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** For items without a comparison (a yes/no answer): which yes/no input decides them and what it must be,
 * found with the engine (flip the answer, see which item changes). Map item id → [{input, want}]. */
function probeBooleans(snap, r) {
  const out = new Map();
  if (typeof snap.evaluate !== 'function' || typeof snap.assessment !== 'function') return out;
  const bare = new Set(r.items.filter(i => i.kind === 'item' && !(i.checks || []).length && (i.outcome === 'pass' || i.outcome === 'fail')).map(i => i.id));
  if (!bare.size) return out;
  const assessment = snap.assessment();
  for (const inp of snap.schema.inputs) {
    if (inp.type !== 'bool') continue;
    const raw = snap.values?.[inp.id];
    if (raw !== 'true' && raw !== 'false') continue;
    const flipped = raw === 'true' ? 'false' : 'true';
    const key = `${JSON.stringify(inp.id)}:`;
    const text = assessment.replace(`${key}${raw}`, `${key}${flipped}`);
    if (text === assessment) continue;
    let r2;
    try { r2 = snap.evaluate(text); } catch { continue; }
    const before = new Map(r.items.map(i => [i.id, i.outcome]));
    for (const i of r2.items || []) {
      if (!bare.has(i.id) || i.outcome === before.get(i.id)) continue;
      // The answer that makes the item pass.
      const want = before.get(i.id) === 'pass' ? raw : flipped;
      if (!out.has(i.id)) out.set(i.id, []);
      out.get(i.id).push({ input: inp, want, have: raw });
    }
  }
  return out;
}

function table(items, ctx) {
  const { w } = ctx;
  const t = el('table', { class: 'r-table' },
    el('colgroup', {}, el('col', { class: 'c-clause' }), el('col', { class: 'c-req' }), el('col', { class: 'c-act' }), el('col', { class: 'c-verdict' })),
    el('thead', {}, el('tr', {}, [w.colClause, w.colRequirement, w.colActual, w.colVerdict].map(h => el('th', { scope: 'col', text: h })))));
  for (const it of items) t.append(itemRows(it, ctx));
  return t;
}

function verdictText(it, w) {
  if (it.kind === 'levels') {
    if (it.value === null) return `${MARK.unknown} ${w.outcomeNames.unknown}`;
    return `${MARK[it.outcome] || ''} ${w.verdictLevel(it.value, w.outcomeNames[it.outcome] || it.outcome)}`;
  }
  if (it.kind === 'grade') return it.value === null ? w.outcomeNames.unknown : labelOf(it.value_labels, it.value_text ?? it.value);
  if (it.kind === 'score') return it.value === null ? w.outcomeNames.unknown : w.empty;
  return `${MARK[it.outcome] || ''} ${w.outcomeNames[it.outcome] || it.outcome || w.empty}`;
}

/** One <tbody> per item (kept on one page): a row per comparison; clause and verdict span them. */
function itemRows(it, ctx) {
  const { w, l, inputsById, values, notes, boolReq } = ctx;
  const body = el('tbody', { class: `r-item r-o-${it.outcome || 'none'}`, 'data-item': it.id });
  const label = labelOf(it.labels, it.clause ? w.clauseNo(it.clause) : w.otherSection);
  const clauseCell = el('th', { scope: 'rowgroup', class: 'r-clause' },
    it.clause ? el('span', { class: 'r-clause-no', text: w.clauseNo(it.clause) }) : null,
    el('span', { class: 'r-clause-label', text: label }), notes.ref(it.source));
  const verdictCell = el('td', { class: `r-verdict-cell r-o-${it.outcome || 'none'}`, text: verdictText(it, w) });
  const checks = it.checks || [];
  const rows = [];
  if (checks.length) {
    // Limiting: a failing comparison of a failing item; for a ladder, the rows at the ladder's level
    // (unless every row is).
    const atLevel = it.kind === 'levels' ? checks.filter(c => c.level !== null && c.level === it.value) : [];
    const limiting = c => (it.kind === 'levels' ? atLevel.length < checks.length && atLevel.includes(c)
      : it.outcome === 'fail' && c.holds === false);
    for (const c of checks) {
      const inp = c.subject ? inputsById.get(c.subject) : null;
      const subj = labelOf(c.labels, inp ? labelOf(inp.labels, c.subject) : (c.subject || ''));
      // The row's group in the report's language (the engine gives both: `group_labels`).
      const groupText = (c.group_labels && c.group_labels[l]) || (l === 'en' && CJK.test(c.group || '') ? '' : c.group);
      const group = groupText ? `${groupText} · ` : '';
      let bound = '';
      if (it.kind === 'levels') bound = c.holds === false ? w.lowestLimit : c.level ? w.levelLimit(c.level) : '';
      const req = `${group}${subj} ${OPS[c.op] || c.op} ${withUnit(c.threshold, c.percent, c.unit)}${bound}`;
      // The value typed for an input subject (exact as the engine read it); else the engine's value.
      const val = inp && !inp.type.startsWith('series') && values[c.subject] !== undefined && values[c.subject] !== ''
        ? typed(inp, values[c.subject]) : c.value;
      let act = withUnit(val, c.percent, c.unit);
      const tag = it.kind === 'levels' && c.level ? w.rowLevel(c.level) : w.holds[String(c.holds)];
      const lim = limiting(c);
      rows.push([el('span', {}, req, notes.ref(c.source)),
        el('span', { class: lim ? 'r-limiting' : null }, act, el('span', { class: 'r-row-tag' }, w.paren(tag)),
          lim ? el('span', { class: 'r-lim', title: w.limiting }, ` ◆ ${w.limiting}`) : null)]);
    }
  } else if (boolReq.has(it.id)) {
    for (const b of boolReq.get(it.id)) {
      const yn = v => (v === 'true' ? w.yes : w.no);
      rows.push([el('span', {}, `${labelOf(b.input.labels, b.input.id)}${w.colon}${yn(b.want)}`),
        el('span', { class: it.outcome === 'fail' ? 'r-limiting' : null }, yn(b.have),
          it.outcome === 'fail' ? el('span', { class: 'r-lim' }, ` ◆ ${w.limiting}`) : null)]);
    }
  } else {
    // No comparison of its own (it combines other items, or its answers are missing): the engine's
    // sentence says why (after its lead: "病媒生物 未通过（…）：", "… fails (a veto: …): ").
    const sentence = it[l] || '';
    const cut = l === 'zh' ? [sentence.indexOf('：'), 1]
      : sentence.includes('): ') ? [sentence.indexOf('): '), 3] : [sentence.indexOf(': '), 2];
    const why = cut[0] >= 0 ? sentence.slice(cut[0] + cut[1]).trim()
      : (it.kind === 'score' || it.kind === 'grade' ? String(it.value_text ?? w.empty) : w.empty);
    // A score or grade is computed, not required: no requirement of its own.
    const computed = it.kind === 'score' || it.kind === 'grade';
    rows.push([el('span', { text: computed ? w.empty : w.asClause }), el('span', { text: why })]);
  }
  rows.forEach(([req, act], n) => {
    const tr = el('tr', {});
    if (n === 0) { clauseCell.rowSpan = rows.length; tr.append(clauseCell); }
    tr.append(el('td', { class: 'r-req' }, req), el('td', { class: 'r-act' }, act));
    if (n === 0) { verdictCell.rowSpan = rows.length; tr.append(verdictCell); }
    body.append(tr);
  });
  return body;
}
