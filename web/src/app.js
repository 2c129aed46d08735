// Yardstick self-assessment calculator: a static page over the WASM engine (./pkg) and the bundled
// library (./library.json). Nothing is sent anywhere: the state lives in the page and in the URL fragment.
// Every call to the engine goes through ./engine.js, which restarts it after a trap (error code "trap").
// Author mode's checker and formatter are in a second engine (./author-engine.js over ./pkg-author), loaded
// the first time author mode opens, so the calculator's engine stays small.
import init, { compileFile, documents, engineStats, TRAP, TRAP_WORDS } from './engine.js';
import {
  LIMITS, readDraft, writeDraft, removeDraft, readEdits, writeEdits, makeFragment, parseFragment,
  b64urlEncode, b64urlDecode, packText, unpackText,
} from './keep.js';
import { COVERAGE, SOURCES, TIERS, sourceCodes } from './coverage.js';
import { el } from './dom.js';
import * as report from './report.js';   // report: the printed report and its details

// ------------------------------------------------------------------------------------------ words
const WORDS = {
  zh: {
    skip: '跳到内容', appTitle: '自评计算器', modeCalc: '计算器', modeAuthor: '作者模式',
    pickerHeading: '选择标准', standard: '标准', version: '版本', answers: '答案', tools: '工具',
    save: '保存 JSON', load: '打开 JSON…', share: '分享链接', print: '打印报告', clear: '清空',
    shareLabel: '链接（答案只保存在链接的 # 之后，不会发送到任何地方）', result: '结果',
    authorHeading: '作者模式：编辑标准文本',
    authorHelp: '边写边检查；问题在原文中标出。“试用”用编辑后的文本生成表单并计算。',
    sourceLabel: '标准文本', tryIt: '试用', format: '格式化', revert: '恢复原文',
    footer: '在本机计算：不联网，不上传任何数据。',
    loading: '正在加载…', ready: '已就绪', loadFailed: '加载失败：',
    title: '名称', window: '有效期', status: '状态', source: '依据', lineage: '组成', hash: '指纹',
    from: '自', until: '至', noWindow: '未写明', tier: '可信度',
    statusNames: { draft: '草案', accepted: '已发布（不在有效期内）', superseded: '已被替代', obsolete: '已废止' },
    outcomeNames: { pass: '通过', fail: '不通过', unknown: '尚不能确定', not_applicable: '不适用' },
    outcomeLead: '总体结果', vetoes: '否决项（任一项不通过，整体即不通过）',
    outputs: '等级与得分', grade: '档次', fixes: '如何改正（每条都已重新计算验证）',
    partial: '尚有答案未填', best: '最好', worst: '最差', askNext: '接下来请回答',
    items: '逐项结果', checks: '依据与比较', clause: '条款', noItems: '没有条目',
    answered: (n, t) => `已答 ${n} / ${t}`, range: '范围', unit: '单位', helpSource: '来源',
    yes: '是', no: '否', unanswered: '未填', choose: '请选择', seriesHint: n => `${n} 个数，由早到晚，用逗号分开`,
    dateHint: '日期', otherSection: '其他', invalidCount: n => `${n} 个答案有误，计算时已略去`,
    evalError: '计算出错：', shareReady: '链接已生成，可复制。', shareCopied: '链接已复制。',
    saved: name => `已保存 ${name}`, loaded: name => `已打开 ${name}`,
    loadedOther: (id) => `文件是 ${id} 的评估，已切换。`, notAnAssessment: '这不是评估 JSON：',
    ignored: ids => `本标准没有这些输入，已忽略：${ids}`,
    edited: file => `正在使用编辑后的 ${file}（未保存）。`, backToShipped: '改回原文',
    diagNone: '没有发现问题。', diagCount: (e, w) => `${e} 个错误，${w} 个警告`,
    lineCol: (l, c) => `第 ${l} 行第 ${c} 列`, help: '建议', at: '位置',
    severity: { error: '错误', warning: '警告' }, tryFailed: '无法试用：请先改正错误。',
    tried: '已用编辑后的文本生成表单。', formatted: '已格式化。', cannotFormat: '有语法错误，无法格式化。',
    reverted: '已恢复原文。', problemsIn: '标准有问题：', group: '组',
    authorLoading: '正在载入作者模式的检查工具……', authorLoadFailed: '作者模式的检查工具未能载入；请检查网络后重新打开作者模式。',
    engineRestarted: TRAP_WORDS.zh, engineKept: '答案都还在；再改一个答案即可继续。', engineKeptText: '文本都还在；再改一处即可继续检查。',
    draftFound: (n, when) => `本机保存着这个版本上次填写的 ${n} 个答案（${when}）。`, draftContinue: '继续填写',
    draftDiscard: '重新开始', draftKept: '答案会自动保存在本机（不上传）。',
    confirmClear: n => `确定清空全部 ${n} 个答案？`, clearYes: '清空', cancel: '取消',
    cleared: n => `已清空 ${n} 个答案。`, undo: '撤销', undone: '已恢复清空前的答案。',
    fileOtherStandard: (id, ver) => `文件评估的是“${id}${ver ? ' ' + ver : ''}”，本页没有这个标准，所以没有打开；当前答案未改动。`,
    fileNoInputs: '文件里没有可用的答案，当前答案未改动。',
    linkBroken: '链接不完整或被改动过（校验不符），没有使用其中的答案。请向发送者要完整的链接。',
    linkEncoding: '链接里的答案无法读取（编码有误），没有使用。',
    linkUnknown: (id, ver) => `链接指向的标准“${id}${ver ? ' ' + ver : ''}”不在本页，没有使用链接里的答案。`,
    linkEdited: '这个链接带有编辑过的标准文本（未经审核），结果按该文本计算。',
    linkTextBad: '链接里编辑过的标准文本无法读取，没有使用。',
    editTooBig: '编辑后的标准文本太大，放不进链接。请在作者模式点“保存文本”，把文本与评估 JSON 一起发送。',
    cannotPack: '这个浏览器不能压缩文本，无法把编辑后的标准放进链接。',
    editsRestored: files => `已恢复上次在作者模式中未保存的修改：${files}。`,
    saveText: '保存文本', textSaved: name => `已保存 ${name}`,
    techInfo: '技术信息', coverage: '编码范围', verification: '可信度',
    coverageFull: '已编码全部条款', coveragePartial: '只编码了部分条款',
    coverageCounts: (q, i) => `${q} 个问题，${i} 项判定`,
    bannerSuperseded: v => `此版本已被替代，仅供对照。${v ? `现行版本：${v}。` : ''}`,
    bannerObsolete: '此版本已废止，仅供对照历史评估。', bannerDraft: '此版本是草案，尚未生效。',
    bannerSeed: '示例标准：依据只有本项目起步时的示例文档（可信度 S），未经核实，不能作为正式依据。',
    bannerPartial: '本页只编码了这个标准的部分条款，“通过”只说明已编码的条款通过，不代表整个标准达标。',
    passPartial: '已编码条款通过', current: '现行', asOfPick: '按评估日期选择版本',
    glossary: '可信度与来源说明', sourcesTitle: '来源', tierWord: t => `可信度 ${t}`,
    sections: '章节', sectionProgress: (n, t) => `${n}/${t}`, requirement: '要求',
    decides: '可能改变结果', flipAt: v => `填 ${v} 即可改变结果`, levelRow: '等级',
    toReach: (lv) => `要达到 ${lv} 级：`, headlineLevel: '等级', liveSummary: (o, lv) => `结果：${o}${lv ? '，' + lv : ''}`,
    tooLong: n => `最多 ${n} 个字符`,
  },
  en: {
    skip: 'Skip to content', appTitle: 'self-assessment calculator', modeCalc: 'Calculator',
    modeAuthor: 'Author mode', pickerHeading: 'Choose a standard', standard: 'Standard', version: 'Version',
    answers: 'Answers', tools: 'Tools', save: 'Save JSON', load: 'Open JSON…', share: 'Share link',
    print: 'Print report', clear: 'Clear',
    shareLabel: 'Link (the answers live only after the # of the link; nothing is sent anywhere)',
    result: 'Result',
    authorHeading: 'Author mode: edit the standard’s text',
    authorHelp: 'Checked as you type; problems are marked in the text. “Try it” builds the form from the edited text.',
    sourceLabel: 'Standard text', tryIt: 'Try it', format: 'Format', revert: 'Revert',
    footer: 'Computed on this device: no network, nothing uploaded.',
    loading: 'Loading…', ready: 'Ready', loadFailed: 'Could not load: ',
    title: 'Title', window: 'In force', status: 'Status', source: 'Source', lineage: 'Built from',
    hash: 'Fingerprint', from: 'from', until: 'until', noWindow: 'not stated', tier: 'tier',
    statusNames: { draft: 'draft', accepted: 'accepted (not in force)', superseded: 'superseded', obsolete: 'obsolete' },
    outcomeNames: { pass: 'Pass', fail: 'Fail', unknown: 'Not yet known', not_applicable: 'Not applicable' },
    outcomeLead: 'Overall', vetoes: 'Vetoes (any one failing fails the whole standard)',
    outputs: 'Levels and scores', grade: 'grade', fixes: 'What would fix it (each checked by re-evaluating)',
    partial: 'Answers are missing', best: 'best', worst: 'worst', askNext: 'Answer these next',
    items: 'Every item', checks: 'Sources and comparisons', clause: 'clause', noItems: 'No items',
    answered: (n, t) => `${n} of ${t} answered`, range: 'range', unit: 'unit', helpSource: 'source',
    yes: 'yes', no: 'no', unanswered: 'not answered', choose: 'choose', seriesHint: n => `${n} numbers, oldest first, separated by commas`,
    dateHint: 'date', otherSection: 'Other', invalidCount: n => `${n} answer(s) are not valid and were left out`,
    evalError: 'Evaluation failed: ', shareReady: 'The link is ready to copy.', shareCopied: 'Link copied.',
    saved: name => `Saved ${name}`, loaded: name => `Opened ${name}`,
    loadedOther: (id) => `The file assesses ${id}; switched to it.`, notAnAssessment: 'Not an assessment JSON: ',
    ignored: ids => `Not inputs of this standard, ignored: ${ids}`,
    edited: file => `Using the edited ${file} (not saved).`, backToShipped: 'Back to the shipped text',
    diagNone: 'No problems found.', diagCount: (e, w) => `${e} error(s), ${w} warning(s)`,
    lineCol: (l, c) => `line ${l}, column ${c}`, help: 'Help', at: 'At',
    severity: { error: 'error', warning: 'warning' }, tryFailed: 'Cannot try it: fix the errors first.',
    tried: 'The form now uses the edited text.', formatted: 'Formatted.', cannotFormat: 'Syntax errors: cannot format.',
    reverted: 'Reverted to the shipped text.', problemsIn: 'The standard has problems: ', group: 'group',
    authorLoading: 'Loading author mode’s checker…', authorLoadFailed: 'Author mode’s checker could not be loaded; check the connection and open author mode again.',
    engineRestarted: TRAP_WORDS.en, engineKept: 'Your answers are kept; change any answer to go on.', engineKeptText: 'Your text is kept; edit it to check again.',
    draftFound: (n, when) => `This browser kept ${n} answer(s) you gave this version last time (${when}).`,
    draftContinue: 'Continue', draftDiscard: 'Start over', draftKept: 'Answers are kept in this browser as you type (never uploaded).',
    confirmClear: n => `Clear all ${n} answer(s)?`, clearYes: 'Clear', cancel: 'Cancel',
    cleared: n => `Cleared ${n} answer(s).`, undo: 'Undo', undone: 'The answers are back.',
    fileOtherStandard: (id, ver) => `The file assesses “${id}${ver ? ' ' + ver : ''}”, which this page does not have, so it was not opened; your answers are unchanged.`,
    fileNoInputs: 'The file has no answers this page can use; your answers are unchanged.',
    linkBroken: 'The link is incomplete or was altered (its checksum does not match), so its answers were not used. Ask the sender for the whole link.',
    linkEncoding: 'The answers in the link cannot be read (bad encoding), so they were not used.',
    linkUnknown: (id, ver) => `The link is for “${id}${ver ? ' ' + ver : ''}”, which this page does not have; its answers were not used.`,
    linkEdited: 'This link carries an edited standard text (not reviewed); the result follows that text.',
    linkTextBad: 'The edited standard text in the link cannot be read, so it was not used.',
    editTooBig: 'The edited standard is too large for a link. Use “Save text” in author mode and send the text with the assessment JSON.',
    cannotPack: 'This browser cannot compress text, so the edited standard cannot go into a link.',
    editsRestored: files => `Your unsaved author-mode edits are back: ${files}.`,
    saveText: 'Save text', textSaved: name => `Saved ${name}`,
    techInfo: 'Technical details', coverage: 'Coverage', verification: 'Confidence',
    coverageFull: 'every clause is encoded', coveragePartial: 'only some clauses are encoded',
    coverageCounts: (q, i) => `${q} questions, ${i} rules`,
    bannerSuperseded: v => `This version has been superseded; for comparison only.${v ? ` Current version: ${v}.` : ''}`,
    bannerObsolete: 'This version is obsolete; for looking back at past assessments only.', bannerDraft: 'This version is a draft and not yet in force.',
    bannerSeed: 'Sample standard: its only source is the seed documents this project started from (tier S), unverified; not an official basis.',
    bannerPartial: 'Only some clauses of this standard are encoded here: “pass” means the encoded clauses pass, not that the whole standard is met.',
    passPartial: 'Encoded clauses pass', current: 'current', asOfPick: 'version by assessment date',
    glossary: 'Confidence tiers and sources', sourcesTitle: 'Sources', tierWord: t => `tier ${t}`,
    sections: 'Sections', sectionProgress: (n, t) => `${n}/${t}`, requirement: 'Requirement',
    decides: 'could change the result', flipAt: v => `${v} would change the result`, levelRow: 'level',
    toReach: (lv) => `To reach level ${lv}:`, headlineLevel: 'Level', liveSummary: (o, lv) => `Result: ${o}${lv ? ', ' + lv : ''}`,
    tooLong: n => `at most ${n} characters`,
  },
};

const $ = sel => document.querySelector(sel);

// ------------------------------------------------------------------------------------------ state
const state = {
  lang: 'zh',
  library: [],          // shipped [{name, text}]
  libraryText: '',
  docs: [],             // DocumentInfo + {title}
  file: null,           // the document in use
  edits: new Map(),     // file -> edited text (author mode)
  usingEdit: false,
  handle: null,
  schema: null,
  values: {},           // input id -> what was typed ('' = not answered)
  errors: {},           // input id -> reason
  result: null,
  mode: 'calc',
  flips: new Map(),     // input id -> {requirement, outcome}: "answer next" hints
  savedEdits: new Set(),// files whose edited text was downloaded since the last change
  undo: null,           // the answers and report details before the last "clear" ({ values, details })
  notice: null,         // {key, args}: the notice above the form (draft found, link problems)
};
const W = () => WORDS[state.lang];
const L = labels => (labels && (labels[state.lang] || labels.zh || labels.en)) || null;

// --------------------------------------------------------------------------------- number helpers
/** What was typed, as a JSON value token for the engine (numbers keep their written digits). */
function numberToken(raw) {
  const s = raw.normalize('NFKC').trim().replace(/^\+/, '').replace(/%$/, '').trim();
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return s;
  if (/^-?\d+\.?\d*$|^-?\.\d+$/.test(s)) {   // 007, 9., .5
    const neg = s.startsWith('-');
    let [i, f = ''] = s.replace('-', '').split('.');
    i = i.replace(/^0+(?=\d)/, '') || '0';
    return (neg ? '-' : '') + i + (f ? '.' + f : '');
  }
  return JSON.stringify(raw);   // not a number: the engine says so, next to the field
}

function valueToken(inp, raw) {
  const t = inp.type;
  if (t === 'bool') return raw === 'true' ? 'true' : 'false';
  if (t === 'enum' || t === 'date') return JSON.stringify(raw);
  if (t.startsWith('series')) {
    const parts = raw.normalize('NFKC').split(/[,;\s]+/).filter(Boolean);
    return '[' + parts.map(numberToken).join(',') + ']';
  }
  return numberToken(raw);
}

/** The assessment as JSON text (the contract of docs/json.md), leaving out `skip` ids. */
function assessmentText(skip = new Set(), pretty = false) {
  const s = state.schema;
  const entries = [];
  for (const inp of s.inputs) {
    const raw = state.values[inp.id];
    if (raw === undefined || raw === '' || skip.has(inp.id)) continue;
    entries.push([inp.id, valueToken(inp, raw)]);
  }
  const nl = pretty ? '\n' : '', i1 = pretty ? '  ' : '', i2 = pretty ? '    ' : '', sp = pretty ? ' ' : '';
  const inputs = entries.map(([k, v]) => `${i2}${JSON.stringify(k)}:${sp}${v}`).join(`,${nl}`);
  return `{${nl}${i1}"standard":${sp}${JSON.stringify(s.id)},${nl}${i1}"version":${sp}${JSON.stringify(s.version)},${nl}`
    + `${i1}"inputs":${sp}{${nl}${inputs}${entries.length ? nl + i1 : ''}}${nl}}${pretty ? '\n' : ''}`;
}

// ------------------------------------------------------------------------------- library helpers
function libraryWithEdits() {
  return state.library.map(d => ({ name: d.name, text: state.edits.get(d.name) ?? d.text }));
}

function docTitle(d) { return d.title ? L(d.title) : null; }

function windowText(from, until, note) {
  const w = W();
  let s;
  if (from && until) s = `${from} – ${until}`;
  else if (from) s = `${w.from} ${from}`;
  else if (until) s = `${w.until} ${until}`;
  else s = w.noWindow;
  return note ? s + paren(note) : s;
}

/** A clause as people read it: in English a Chinese chapter or article number (第一章, 第十二条) is
 * "Chapter 1", "Article 12"; any other clause is the document's own text. */
function clauseText(c) {
  if (state.lang === 'zh' || !c) return c;
  const m = /^第([一二三四五六七八九十]+)([章条节])$/.exec(c);
  if (!m) return c;
  const d = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const t = m[1].split('十');
  const n = t.length === 1 ? d[t[0]] : (t[0] ? d[t[0]] : 1) * 10 + (t[1] ? d[t[1]] : 0);
  return `${{ 章: 'Chapter', 条: 'Article', 节: 'Section' }[m[2]]} ${n}`;
}

/** The colon of the page's language. */
const C = () => (state.lang === 'zh' ? '：' : ': ');

/** `（x）` in Chinese, ` (x)` in English. */
function paren(x) { return state.lang === 'zh' ? `（${x}）` : ` (${x})`; }

// --------------------------------------------------------------------------------------- picker
function renderPicker() {
  const std = $('#standard'), ver = $('#version'), w = W();
  const cur = state.docs.find(d => d.file === state.file);
  const ids = [...new Set(state.docs.map(d => d.id))];
  std.replaceChildren(...ids.map(id => {
    // The title of the chosen version, or else of the version the picker would open.
    const d = cur && cur.id === id ? cur : defaultDoc(id);
    const t = docTitle(d);
    return el('option', { value: id, selected: cur && cur.id === id }, t || id);
  }));
  const versions = cur ? versionsOf(cur.id) : [];
  const today = assessmentDate();
  ver.replaceChildren(...versions.map(d => el('option', { value: d.version, selected: d.file === state.file },
    versionText(d.version) + paren(windowText(d.from, d.until)
      + (d.status ? (state.lang === 'zh' ? '，' : ', ') + statusText(d.status, inForce(d, today)) : '')))));
}

/** A version name for people: the names are ids (`pre-2014`, `seed`); say them in the page's language. */
function versionText(v) {
  const pre = /^pre-(\d{4})$/.exec(v);
  if (pre) return state.lang === 'zh' ? `${pre[1]} 年以前` : `before ${pre[1]}`;
  if (v === 'seed') return state.lang === 'zh' ? '示例' : 'seed';
  return v;
}

/** A status in words; an accepted document is "current" only while in force. */
function statusText(status, inForceNow) {
  const w = W();
  if (status === 'accepted') return inForceNow ? w.current : w.statusNames.accepted;
  return w.statusNames[status] || status;
}

function renderHeader() {
  const s = state.schema, w = W();
  const dl = $('#header-info');
  dl.replaceChildren();
  const banners = $('#standard-banners');
  banners.replaceChildren();
  $('#tech-info').replaceChildren();
  if (!s) return;
  const row = (k, v, cls, key) => { if (v) dl.append(el('div', { class: 'hrow', 'data-row': key || null }, el('dt', { text: k }), el('dd', { class: cls }, v))); };
  row(w.title, L(s.title) || s.id);
  row(w.version, versionText(s.version));
  row(w.window, windowText(s.effective.from, s.effective.until, state.lang === 'zh' ? null : s.effective.note));
  row(w.status, s.status ? statusText(s.status, inForce({ from: s.effective.from, until: s.effective.until }, assessmentDate())) : null);
  row(w.source, s.source ? sourceRef(s.source) : null);
  const cov = coverageOf();
  const nItems = state.result ? state.result.items.filter(i => i.kind !== 'value' && !(i.path && i.path.length)).length : 0;
  const counts = w.coverageCounts(s.inputs.length, nItems);
  const covText = cov ? (state.lang === 'zh' ? `${cov.complete ? w.coverageFull : w.coveragePartial}（${counts}）。${cov.zh}`
    : `${cov.complete ? w.coverageFull : w.coveragePartial} (${counts}). ${cov.en}`) : counts;
  row(w.coverage, covText, null, 'coverage');
  row(w.verification, el('a', { href: sourcesPage(), target: '_blank', rel: 'noopener', class: 'src' }, w.glossary), null, 'glossary');
  // Banners: what kind of document this is, before anyone reads its result as authoritative.
  const ban = (key, text) => banners.append(el('p', { class: `banner banner-${key}`, 'data-banner': key }, text));
  const cur = state.docs.find(d => d.file === state.file);
  const inForceNow = cur ? versionsOf(cur.id).find(d => inForce(d, assessmentDate()) && d.status === 'accepted') : null;
  if (s.status === 'superseded') ban('superseded', w.bannerSuperseded(inForceNow && inForceNow.file !== state.file ? inForceNow.version : null));
  if (s.status === 'obsolete') ban('obsolete', w.bannerObsolete);
  if (s.status === 'draft') ban('draft', w.bannerDraft);
  if (s.source?.tier === 'S' || /seed/.test(s.version)) ban('seed', w.bannerSeed);
  if (cov && !cov.complete) ban('partial', w.bannerPartial);
  // For developers and auditors, folded away: what the document is built from and its fingerprint.
  const tech = $('#tech-info');
  tech.append(el('summary', { text: w.techInfo }), el('dl', {},
    s.lineage.length > 1 ? el('div', { class: 'hrow' }, el('dt', { text: w.lineage }), el('dd', { class: 'mono', text: s.lineage.join(' ← ') })) : null,
    el('div', { class: 'hrow' }, el('dt', { text: w.hash }), el('dd', { class: 'mono', text: s.hash.slice(0, 12) })),
    state.lang === 'zh' || !s.source ? null : el('div', { class: 'hrow' }, el('dt', { text: w.source }), el('dd', { text: s.source.source + (s.source.note ? ` (${s.source.note})` : '') }))));
  const banner = $('#edited-banner');
  banner.hidden = !state.usingEdit;
  if (state.usingEdit) {
    banner.replaceChildren(w.edited(state.file), ' ',
      el('button', { type: 'button', id: 'back-shipped', onclick: backToShipped }, w.backToShipped));
  }
}

// ----------------------------------------------------------------------------------------- form
function fieldId(id) { return 'in-' + id.replace(/[^A-Za-z0-9_-]/g, '_'); }

function sectionsOf(schema) {
  // Own sections first, in writing order; then sections of used standards; then inputs without one.
  const all = [...schema.sections, ...(schema.used_sections || [])];
  const order = all.map(s => s.id);
  const groups = new Map();
  for (const inp of schema.inputs) {
    const sec = inp.section ?? '';
    if (!groups.has(sec)) groups.set(sec, []);
    groups.get(sec).push(inp);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const ia = order.indexOf(a), ib = order.indexOf(b);
    const ra = ia >= 0 ? ia : a === '' ? 1e9 : 1e6, rb = ib >= 0 ? ib : b === '' ? 1e9 : 1e6;
    return ra - rb;
  });
  return keys.map(k => ({ id: k, meta: all.find(s => s.id === k), inputs: groups.get(k) }));
}

/** A readable label for an id that has none in the schema (a used standard's section or group). */
function idLabel(id) {
  const item = state.result?.items?.find(i => i.id === id);
  if (item && L(item.labels)) return L(item.labels);
  return id;
}

/** An input's unit in the page's language (the engine gives both; as written when it has no other). */
function unitText(inp) { return L(inp.unit_labels) || inp.unit || ''; }

function rangeText(inp) {
  const unit = unitText(inp);
  const u = unit && unit !== '%' ? ` ${unit}` : unit;
  if (inp.min !== null && inp.max !== null) return `${inp.min}–${inp.max}${u}`;
  if (inp.min !== null) return `≥ ${inp.min}${u}`;
  if (inp.max !== null) return `≤ ${inp.max}${u}`;
  return null;
}

/** An enum value for people: its label in the page's language; in English, a value with only a Chinese
 * label is its name in words (`county_level` → "county level"). */
function choiceText(c) {
  if (state.lang === 'zh') return c.labels?.zh || c.value;
  return c.labels?.en || c.value.replace(/_/g, ' ');
}

/** The longest answer a field takes (a paste is cut there by the browser): room for any exact decimal. */
const MAX_NUMBER_CHARS = 40;
function maxChars(inp) { return inp.type.startsWith('series') ? MAX_NUMBER_CHARS * (inp.length || 1) : MAX_NUMBER_CHARS; }

function renderForm() {
  const form = $('#form'), w = W(), s = state.schema;
  form.replaceChildren();
  $('#section-nav').replaceChildren();
  if (!s) return;
  const secs = sectionsOf(s);
  for (const sec of secs) {
    const legend = sec.id ? sectionLabel(sec.id) : w.otherSection;
    const fs = el('fieldset', { class: 'section', 'data-section': sec.id, id: `sec-${fieldId(sec.id || 'other')}` },
      el('legend', {}, legend, sec.meta?.veto ? el('span', { class: 'tag veto' }, state.lang === 'zh' ? '否决项' : 'veto') : null));
    let box = null, groupId;
    for (const inp of sec.inputs) {
      if (!box || inp.group !== groupId) {
        groupId = inp.group;
        box = el('div', { class: 'fields' });
        if (groupId) fs.append(el('fieldset', { class: 'group', 'data-group': groupId }, el('legend', { text: L(inp.group_labels) || idLabel(groupId) }), box));
        else fs.append(box);
      }
      box.append(renderField(inp));
    }
    form.append(fs);
  }
  // A section navigator with progress, when there is more than one section.
  if (secs.length > 1) {
    $('#section-nav').append(el('h3', { class: 'visually-hidden', text: w.sections }), el('ol', {}, secs.map(sec =>
      el('li', { 'data-nav': sec.id }, el('button', { type: 'button', class: 'link', onclick: () => {
        const f = document.getElementById(`sec-${fieldId(sec.id || 'other')}`);
        f?.scrollIntoView({ block: 'start' });
        f?.querySelector('[data-input]')?.focus({ preventScroll: true });
      } }, sec.id ? sectionLabel(sec.id) : w.otherSection), ' ', el('span', { class: 'progress muted' })))));
  }
  updateAnswered();
}

function renderField(inp) {
  const w = W(), id = fieldId(inp.id);
  const label = L(inp.labels) || inp.id;
  const hintParts = [];
  const rng = rangeText(inp);
  if (rng) hintParts.push(`${w.range} ${rng}`);
  else if (unitText(inp)) hintParts.push(`${w.unit} ${unitText(inp)}`);
  if (inp.type.startsWith('series')) hintParts.push(w.seriesHint(inp.length));
  const help = L(inp.help);
  const reqs = (inp.requirements || []).map(q => sentence(q)).filter(Boolean);
  const raw = state.values[inp.id] ?? '';
  let control;
  const common = { id, name: inp.id, 'data-input': inp.id, 'aria-describedby': `${id}-req ${id}-hint ${id}-err` };
  if (inp.type === 'bool') {
    control = el('select', common,
      el('option', { value: '', selected: raw === '' }, `— ${w.unanswered} —`),
      el('option', { value: 'true', selected: raw === 'true' }, w.yes),
      el('option', { value: 'false', selected: raw === 'false' }, w.no));
  } else if (inp.type === 'enum') {
    const choices = inp.choices || inp.values.map(v => ({ value: v, labels: {} }));
    control = el('select', common,
      el('option', { value: '', selected: raw === '' }, `— ${w.unanswered} —`),
      ...choices.map(c => el('option', { value: c.value, selected: raw === c.value }, choiceText(c))));
  } else if (inp.type === 'date') {
    control = el('input', { ...common, type: 'date', value: raw });
  } else {
    control = el('input', {
      ...common, type: 'text', value: raw, spellcheck: 'false', maxlength: maxChars(inp),
      inputmode: inp.type === 'count' ? 'numeric' : 'decimal',
    });
  }
  const unit = unitText(inp) && !inp.type.startsWith('series') ? el('span', { class: 'unit', 'aria-hidden': 'true' }, unitText(inp)) : null;
  return el('div', { class: 'field', 'data-field': inp.id },
    el('label', { for: id }, el('span', { class: 'label-main' }, label)),
    el('div', { class: 'control' }, control, unit),
    reqs.length ? el('p', { class: 'requirement', id: `${id}-req` }, `${w.requirement}：`.replace('：', state.lang === 'zh' ? '：' : ': '), reqs.join(state.lang === 'zh' ? '；' : '; ')) : null,
    el('p', { class: 'hint', id: `${id}-hint` },
      [hintParts.join(state.lang === 'zh' ? '；' : '; '), help].filter(Boolean).join(' · ') || null,
      inp.source ? el('span', { class: 'hint-src' }, ' · ', `${w.helpSource}${state.lang === 'zh' ? '：' : ': '}`, sourceRef(inp.source)) : null),
    el('p', { class: 'error', id: `${id}-err`, role: 'alert' }));
}

function updateAnswered() {
  const s = state.schema;
  if (!s) return;
  const n = s.inputs.filter(i => (state.values[i.id] ?? '') !== '').length;
  $('#answered').textContent = W().answered(n, s.inputs.length);
  for (const li of document.querySelectorAll('#section-nav [data-nav]')) {
    const ins = s.inputs.filter(i => (i.section ?? '') === li.dataset.nav);
    const done = ins.filter(i => (state.values[i.id] ?? '') !== '').length;
    li.querySelector('.progress').textContent = W().sectionProgress(done, ins.length);
    li.classList.toggle('done', done === ins.length);
  }
}

function showFieldErrors() {
  for (const f of document.querySelectorAll('#form .field')) {
    const id = f.dataset.field;
    const reason = state.errors[id];
    const ctl = f.querySelector('[data-input]');
    f.querySelector('.error').textContent = reason || '';
    f.classList.toggle('invalid', !!reason);
    if (reason) ctl.setAttribute('aria-invalid', 'true'); else ctl.removeAttribute('aria-invalid');
  }
}

// ------------------------------------------------------------------------------------ evaluation
function evaluateNow() {
  if (!state.handle) return;
  state.errors = {};
  let result = null, failure = null;
  try {
    result = state.handle.evaluate(assessmentText(), true);
  } catch (e) {
    if (e.kind === 'assessment') {
      for (const x of e.inputs) state.errors[x.input] = state.lang === 'zh' ? (x.reason_zh || x.reason) : x.reason;
      try { result = state.handle.evaluate(assessmentText(new Set(Object.keys(state.errors))), true); }
      catch (e2) { failure = e2; }
    } else failure = e;
  }
  state.result = result ? JSON.parse(result) : null;
  state.resultText = result;   // report: the exact text (the report keeps every number's digits)
  computeFlips(state.result);
  if (failure && isTrap(failure)) engineFailed();
  else if (statusKey === 'engineRestarted') setStatus(W().ready);
  showFieldErrors();
  renderResult(failure);
}

/** Whether an error is the engine's own failure (it has been restarted; see engine.js). */
function isTrap(e) { return !!e && e.code === TRAP; }

/** Say that the engine failed and was restarted (the status line, in the page's language). */
function engineFailed() { setStatus(W().engineRestarted, true); }

/** The words for a failure: the restart sentence for a trap, else the engine's message. */
function failureText(e, lead = '', kept = 'engineKept') {
  const stop = state.lang === 'zh' ? '。' : '. ';
  return isTrap(e) ? `${W().engineRestarted}${paren(e.code)}${stop}${W()[kept]}` : lead + (state.lang === 'zh' && e.zh ? e.zh : e.message);
}

const MARK = { pass: '✓', fail: '✗', unknown: '?', not_applicable: '–' };

function outcomeBadge(o) {
  const w = W();
  return el('span', { class: `badge o-${o || 'none'}` }, `${MARK[o] || '·'} ${w.outcomeNames[o] || o || '—'}`);
}

function sentence(node) { return node[state.lang] || node.zh || node.en || ''; }
/** A problem's message in the page's language (the engine gives both). */
function problemText(p) { return (state.lang === 'zh' && p.message_zh) || p.message; }

/** Coverage of the document in use: {complete, zh, en} or null (an edited or unknown document). */
function coverageOf() {
  const s = state.schema;
  return s && !state.usingEdit ? COVERAGE[`${s.id}@${s.version}`] || null : null;
}

/** A value as people read it: the item's own text when the result has one, `∞` for infinity. */
function shownValue(k, v) {
  const it = state.result?.items?.find(i => i.id === k);
  if (it && L(it.value_labels)) return L(it.value_labels);
  const text = it && (state.lang === 'zh' ? it.value_text_zh ?? it.value_text : it.value_text);
  if (text !== undefined && text !== null && text !== '') return text;
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return v.infinite ? '∞' : JSON.stringify(v);
  return String(v);
}

/** The ladders and grades of the result: the headline when a standard has them. */
function headlineLevels(r) {
  return r.items.filter(i => (i.kind === 'levels' || i.kind === 'grade') && !(i.path && i.path.length)
    && i.value !== null && i.value !== undefined && typeof i.value === 'string');
}

let lastLive = '';
let liveTimer = null;
/** A short summary for screen readers, said once the typing pauses (not the whole panel). */
function announce(text) {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    if (text === lastLive) return;
    lastLive = text;
    $('#live').textContent = text;
  }, 700);
}

function renderResult(failure) {
  const body = $('#result-body'), w = W(), r = state.result;
  // Keep opened details open across re-renders (keyed by the item they belong to).
  const open = new Set([...body.querySelectorAll('details[open][data-key]')].map(d => d.dataset.key));
  body.replaceChildren();
  if (failure) {
    body.append(el('p', { class: 'error-box', role: 'alert', 'data-code': failure.code || null }, failureText(failure, w.evalError)));
  }
  const mini = $('#mini-outcome');
  mini.replaceChildren();
  mini.className = 'mini-outcome';
  if (!r) { announce(''); return; }
  const cov = coverageOf();
  const partialPass = r.outcome === 'pass' && cov && !cov.complete;
  const word = partialPass ? w.passPartial : w.outcomeNames[r.outcome];
  const heads = headlineLevels(r);
  const levelText = heads.map(h => `${L(h.labels) || idLabel(h.id)} ${shownValue(h.id, h.value)}`).join(state.lang === 'zh' ? '；' : '; ');
  mini.classList.add(`o-${r.outcome}`);
  mini.append(el('button', { type: 'button', class: 'link', onclick: () => { $('#results').scrollIntoView({ block: 'start' }); $('#results-h').focus({ preventScroll: true }); } },
    `${w.outcomeLead}${C()}${MARK[r.outcome]} ${word}` + (levelText ? ` · ${levelText}` : '')
    + (r.vetoed_by.length ? ` · ${r.vetoed_by.length} ${state.lang === 'zh' ? '项否决' : 'veto(es)'}` : '')));
  announce(w.liveSummary(word, levelText));
  const nInvalid = Object.keys(state.errors).length;
  body.append(el('div', { class: `outcome o-${r.outcome}${heads.length ? ' has-levels' : ''}`, id: 'outcome', 'data-outcome': r.outcome },
    heads.length ? el('div', { class: 'headline-levels' }, heads.map(h => el('div', { class: 'headline-level', 'data-level': h.id },
      el('span', { class: 'outcome-lead' }, L(h.labels) || idLabel(h.id)),
      el('strong', { class: 'level-word' }, shownValue(h.id, h.value))))) : null,
    el('span', { class: 'outcome-lead' }, w.outcomeLead),
    el('strong', { class: 'outcome-word' }, `${MARK[r.outcome]} ${word}`),
    r.grade !== null && !heads.some(h => h.kind === 'grade') ? el('span', { class: 'outcome-grade' }, `${w.grade}${C()}${L(r.grade_labels) || r.grade}`) : null));
  if (partialPass) body.append(el('p', { class: 'warn', 'data-warning': 'partial-coverage' }, w.bannerPartial));
  if (nInvalid) body.append(el('p', { class: 'warn' }, w.invalidCount(nInvalid)));
  const byId = new Map(r.items.map(i => [i.id, i]));
  const inputsById = new Map(state.schema.inputs.map(i => [i.id, i]));

  // Vetoes first.
  if (r.vetoed_by.length) {
    body.append(el('section', { class: 'vetoes', id: 'vetoes' }, el('h3', { text: w.vetoes }),
      el('ul', {}, r.vetoed_by.map(id => {
        const it = byId.get(id);
        return el('li', { 'data-item': id }, outcomeBadge('fail'), ' ',
          el('span', { class: 'clause' }, it?.clause ? `${w.clause} ${clauseText(it.clause)}` : (L(it?.labels) || idLabel(id))), ' ',
          el('span', { class: 'sentence' }, it ? sentence(it) : idLabel(id)));
      }))));
  }

  // Levels, grade, score.
  const outs = Object.entries(r.outputs);
  if (outs.length) {
    body.append(el('section', { class: 'outputs' }, el('h3', { text: w.outputs }),
      el('dl', {}, outs.map(([k, v]) => el('div', { class: 'hrow' },
        el('dt', { text: idLabel(k) }),
        el('dd', { 'data-output': k, 'data-value': typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v) }, shownValue(k, v)))))));
  }

  // With answers missing: best and worst still possible, and what to answer next.
  if (r.partial) {
    const p = r.partial;
    body.append(el('section', { class: 'partial', id: 'partial' }, el('h3', { text: w.partial + paren(r.missing.length) }),
      el('p', {}, `${w.best}${C()}`, outcomeBadge(p.best), `  ${w.worst}${C()}`, outcomeBadge(p.worst)),
      Object.keys(p.outputs).length ? el('ul', {}, Object.entries(p.outputs).map(([k, v]) =>
        el('li', {}, `${idLabel(k)}${C()}${w.best} ${v.best ?? '—'}${state.lang === 'zh' ? '，' : ', '}${w.worst} ${v.worst ?? '—'}`))) : null,
      p.ask_next.length ? el('div', { class: 'ask-next' }, el('h4', { text: w.askNext }),
        el('ol', {}, p.ask_next.map(id => el('li', { 'data-ask': id }, el('button', {
          type: 'button', class: 'link', onclick: () => focusField(id),
        }, L(inputsById.get(id)?.labels) || idLabel(id)), flipHint(id))))) : null));
  }

  // Definitions that could not be computed, and notes on the result (a search that stopped early).
  if (r.errors?.length || r.notes?.length) {
    body.append(el('section', { class: 'notes', id: 'notes' },
      r.errors?.length ? el('ul', { class: 'def-errors' }, r.errors.map(e => el('li', { 'data-code': e.code, class: 'error-box' }, `${sentence(e)}${paren(e.code)}`))) : null,
      r.notes?.length ? el('ul', { class: 'result-notes' }, r.notes.map(n => el('li', { 'data-note': n.code, class: 'muted' }, sentence(n)))) : null));
  }

  // Fixes.
  if (r.fixes.length) {
    body.append(el('section', { class: 'fixes', id: 'fixes' }, el('h3', { text: w.fixes }),
      el('ul', {}, r.fixes.map(f => el('li', { 'data-fix': f.input }, '→ ', sentence(f))))));
  }

  // Every item, grouped by section; the comparisons of ladders shown with their level per row.
  const items = r.items.filter(i => i.kind !== 'value');
  const list = el('section', { class: 'items', id: 'items' }, el('h3', { text: w.items }));
  if (!items.length) list.append(el('p', { class: 'muted', text: w.noItems }));
  let sec, ul;
  for (const it of items) {
    if (it.section !== sec || !ul) {
      sec = it.section;
      list.append(el('h4', { text: sectionLabel(sec) }));
      ul = el('ul', { class: 'item-list' });
      list.append(ul);
    }
    const rows = (it.checks || []).map(c => {
      const src = c.source ? el('span', { class: 'cite' }, ' ', sourceRef(c.source)) : null;
      return el('li', { 'data-check': c.subject || null },
        c.level ? el('span', { class: `tag level lv-${c.level}` }, `${c.level}`) : null, c.level ? ' ' : null,
        sentence(c), src);
    });
    const key = [...(it.path || []), it.id].join('.');
    const leveled = it.kind === 'levels' && rows.length;
    const detail = rows.length || it.source ? el('details', { 'data-key': key, open: leveled || open.has(key) },
      el('summary', { text: `${w.checks}${it.clause ? ` · ${w.clause} ${clauseText(it.clause)}` : ''}` }),
      it.source ? el('p', { class: 'muted' }, `${w.source}${C()}`, sourceRef(it.source)) : null,
      rows.length ? el('ul', { class: 'checks' }, rows) : null,
      it.kind === 'levels' ? reachHint(it) : null) : null;
    ul.append(el('li', { class: `item o-${it.outcome || 'none'}`, 'data-item': it.id },
      outcomeBadge(it.outcome), ' ',
      el('span', { class: 'sentence' }, sentence(it)), detail));
  }
  body.append(list);
}

/** The requirements the engine lists for an input (comparisons that read it directly). */
function requirementsOf(id) {
  return state.schema.inputs.find(i => i.id === id)?.requirements || [];
}

/** Beside an "answer next" entry: the value that would decide the outcome, found by evaluating the
 * answers with that input set to each of its thresholds (at most 4 evaluations per input). */
function flipHint(id) {
  const f = state.flips.get(id);
  return f ? el('span', { class: 'flip muted' }, ' — ', W().flipAt(sentence(f.requirement)), f.outcome ? paren(W().outcomeNames[f.outcome]) : '') : null;
}

function computeFlips(r) {
  state.flips = new Map();
  if (!r?.partial || !state.handle) return;
  const skip = new Set(Object.keys(state.errors));
  for (const id of r.partial.ask_next.slice(0, 8)) {
    const inp = state.schema.inputs.find(i => i.id === id);
    const reqs = requirementsOf(id).filter(q => q.threshold !== null && q.threshold !== undefined && typeof q.threshold !== 'object');
    for (const q of reqs.slice(0, 4)) {
      const saved = state.values[id];
      state.values[id] = String(q.threshold);
      let o = null;
      try { o = JSON.parse(state.handle.evaluate(assessmentText(skip), false)).outcome; } catch { o = null; }
      if (saved === undefined) delete state.values[id]; else state.values[id] = saved;
      if (o && o !== 'unknown' && o !== r.outcome) { state.flips.set(id, { requirement: q, outcome: o, input: inp }); break; }
    }
  }
}

/** Under a ladder: what each indicator needs for the best level (from the ladder's own rows). */
function reachHint(it) {
  const w = W();
  const rows = [];
  let top = null;
  for (const c of it.checks || []) {
    const reqs = requirementsOf(c.subject).filter(q => q.item === it.id && q.level);
    if (!reqs.length) continue;
    top = top || reqs[0].level;
    const best = reqs.find(q => q.level === top);
    if (best && c.level && c.level !== top) rows.push(el('li', { 'data-reach': c.subject }, `${L(c.labels) || idLabel(c.subject)}${C()}${c.value_text ?? c.value} → ${sentence(best)}`));
  }
  if (!top || !rows.length || it.value === top) return null;
  return el('div', { class: 'reach' }, el('p', { class: 'reach-lead' }, w.toReach(top)), el('ul', {}, rows));
}

/** Move to a question (from "answer next" and the section navigator), without touching the URL. */
function focusField(id) {
  const f = document.getElementById(fieldId(id));
  if (!f) return;
  f.scrollIntoView({ block: 'center' });
  f.focus({ preventScroll: true });
}

/** A section's name in the page's language (own sections, sections of used standards, or "other"). */
function sectionLabel(sec) {
  const meta = state.schema.sections.find(s => s.id === sec) || (state.schema.used_sections || []).find(s => s.id === sec);
  if (meta) return L(meta.labels) || idLabel(sec);
  return sec ? idLabel(sec) : W().otherSection;
}

/** The bibliography page in the page's language. */
function sourcesPage() { return state.lang === 'zh' ? 'sources.html' : 'sources.en.html'; }

/** A source line as people read it: its codes with their tier, each linked to the bibliography (the
 * author's full line, which mixes languages, is under "technical details" and in the printed report). */
function sourceRef(src) {
  const w = W();
  const tier = src.tier ? [state.lang === 'zh' ? '（' : ' (', el('a', { href: `${sourcesPage()}#tier-${src.tier}`, target: '_blank', rel: 'noopener', class: 'src tier', title: L(TIERS[src.tier] || {}) || null }, w.tierWord(src.tier)), state.lang === 'zh' ? '）' : ')'] : [];
  const codes = sourceCodes(src.source);
  const link = c => SOURCES[c] ? el('a', { href: `${sourcesPage()}#${c}`, target: '_blank', rel: 'noopener', class: 'src', title: L(SOURCES[c]) }, c === 'seed' ? (state.lang === 'zh' ? '示例文档' : 'seed documents') : c) : c;
  const parts = [];
  codes.forEach((c, n) => { if (n) parts.push(state.lang === 'zh' ? '、' : ', '); parts.push(link(c)); });
  if (!codes.length) parts.push(src.source);
  const note = state.lang === 'zh' ? src.note_zh : src.note;
  return el('span', { class: 'source-ref', 'data-source': src.source }, ...parts, ...tier, note ? paren(note) : null);
}

// -------------------------------------------------------------------------------------- choosing
function useStandard(file, { keepValues = true, usingEdit = false } = {}) {
  const lib = usingEdit ? libraryWithEdits() : state.library;
  let handle;
  try {
    handle = compileFile(JSON.stringify(lib), file);
  } catch (e) {
    if (isTrap(e)) engineFailed();
    else setStatus(W().problemsIn + (e.problems?.[0] ? `${e.problems[0].code} ${problemText(e.problems[0])}` : e.message), true);
    return false;
  }
  state.handle?.free();
  state.handle = handle;
  if (state.notice && ['draft', 'cleared', 'confirm-clear'].includes(state.notice.kind)) showNotice(null);
  state.file = file;
  state.usingEdit = usingEdit;
  state.schema = JSON.parse(handle.schema());
  if (!keepValues) state.values = {};
  state.result = null;
  // Evaluate once before the form so group labels (taken from item labels) are known.
  evaluateNow();
  renderPicker();
  renderHeader();
  renderForm();
  evaluateNow();
  return true;
}

function backToShipped() {
  state.edits.delete(state.file);
  keepEdits();
  useStandard(state.file, { usingEdit: false });
  updateFragment();
  if (state.mode === 'author') loadAuthor();
}

function onPickStandard() {
  const d = defaultDoc($('#standard').value);
  if (d) { useStandard(d.file); updateFragment(); offerDraft(); }
}

function onPickVersion() {
  const cur = state.docs.find(d => d.file === state.file);
  const d = state.docs.find(x => x.id === cur?.id && x.version === $('#version').value);
  if (d) { useStandard(d.file); updateFragment(); offerDraft(); }
}

// ---------------------------------------------------------------------------- fragment (share)
/** The page's state as fragment parameters (`t`, an edited text, only in share links). */
function fragmentParams() {
  const d = state.docs.find(x => x.file === state.file);
  const p = {};
  if (d) { p.std = d.id; p.ver = d.version; }
  p.lang = state.lang;
  const answered = Object.fromEntries(Object.entries(state.values).filter(([, v]) => v !== ''));
  if (Object.keys(answered).length) p.a = b64urlEncode(JSON.stringify(answered));
  const r = new URLSearchParams();
  report.toParams(r);   // report: the report details (r=), left out while they are the defaults
  if (r.get('r')) p.r = r.get('r');
  return p;
}

function fragment() { return makeFragment(fragmentParams()); }

function updateFragment() {
  const f = fragment();
  if (location.hash !== f) history.replaceState(null, '', f);
}

/** Read the URL fragment: {std, ver, lang, values, text, problem}; problem names what is wrong with it. */
function readFragment() {
  const { params, problem } = parseFragment(location.hash);
  const out = { std: params.std || null, ver: params.ver || null, lang: params.lang || null, values: null, text: params.t || null, problem, report: null };
  if (problem) return out;
  try { out.report = report.fromParams(new URLSearchParams(params)); } catch { out.problem = 'encoding'; return out; }
  if (params.a) {
    try {
      const v = JSON.parse(b64urlDecode(params.a));
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      out.values = v;
    } catch { out.problem = 'encoding'; }
  }
  return out;
}

// ------------------------------------------------------------------------------- save and load
function save() {
  const text = report.intoAssessment(assessmentText(new Set(), true));   // report: the details as `name`/`note`
  const d = state.docs.find(x => x.file === state.file);
  const name = `${(d?.id || 'assessment').replace(/[^A-Za-z0-9._-]/g, '_')}-${(d?.version || '').replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  $('#tool-status').textContent = W().saved(name);
}

/** Read an assessment JSON text into raw field values (numbers keep their written digits). */
function parseAssessment(text) {
  const v = JSON.parse(text, (k, val, ctx) => (typeof val === 'number' ? { __raw: ctx?.source ?? String(val) } : val));
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('an assessment is a JSON object');
  const inputs = v.inputs && typeof v.inputs === 'object' ? v.inputs : v;
  const raw = x => x === null ? '' : typeof x === 'boolean' ? String(x) : x && x.__raw !== undefined ? x.__raw
    : Array.isArray(x) ? x.map(raw).join(', ') : typeof x === 'string' ? x : JSON.stringify(x);
  const values = {};
  for (const [k, x] of Object.entries(inputs)) if (!['standard', 'version', 'as_of'].includes(k) || v.inputs) values[k] = raw(x);
  return { standard: typeof v.standard === 'string' ? v.standard : null, version: typeof v.version === 'string' ? v.version : null, values,
    details: report.fromAssessment(v) };   // report: the file's report details, if any
}

function applyValues(values) {
  const known = new Set(state.schema.inputs.map(i => i.id));
  const unknown = Object.keys(values).filter(k => !known.has(k));
  state.values = Object.fromEntries(Object.entries(values).filter(([k]) => known.has(k)));
  renderForm();
  evaluateNow();
  updateFragment();
  return unknown;
}

async function load(file) {
  const w = W();
  let a;
  try { a = parseAssessment(await file.text()); }
  catch (e) { $('#tool-status').textContent = w.notAnAssessment + e.message; return; }   // answers untouched
  let msg = w.loaded(file.name);
  if (a.standard) {
    const d = state.docs.find(x => x.id === a.standard && (!a.version || x.version === a.version));
    if (!d) { $('#tool-status').textContent = w.fileOtherStandard(a.standard, a.version); return; }
    if (d.file !== state.file) {
      const before = { file: state.file, values: state.values };
      if (!useStandard(d.file, { keepValues: false })) { state.values = before.values; return; }
      msg += ' ' + w.loadedOther(`${d.id} ${d.version}`);
    }
  }
  const known = new Set(state.schema.inputs.map(i => i.id));
  if (!Object.keys(a.values).some(k => known.has(k)) && Object.keys(a.values).length) {
    $('#tool-status').textContent = w.fileNoInputs + ' ' + w.ignored(Object.keys(a.values).join(', '));
    return;
  }
  if (a.details) report.setDetails(a.details);   // report: a file without details keeps the current ones
  const unknown = applyValues(a.values);
  keepDraft();
  if (unknown.length) msg += ' ' + w.ignored(unknown.join(', '));
  $('#tool-status').textContent = msg;
}

async function share() {
  const w = W();
  const params = fragmentParams();
  const box = $('#share-box'), input = $('#share-link');
  if (state.usingEdit) {
    const text = state.edits.get(state.file);
    const packed = text === undefined ? null : await packText(text).catch(() => null);
    if (packed === null) { box.hidden = true; $('#tool-status').textContent = w.cannotPack; return; }
    params.t = packed;
  }
  const frag = makeFragment(params);
  if (frag.length > LIMITS.linkChars) {
    box.hidden = true;
    $('#tool-status').textContent = state.usingEdit ? w.editTooBig : w.tooLong(LIMITS.linkChars);
    return;
  }
  const link = location.href.replace(/#.*$/, '') + frag;
  box.hidden = false;
  input.value = link;
  input.focus();
  input.select();
  let copied = false;
  try { await navigator.clipboard.writeText(link); copied = true; } catch { /* no permission: select instead */ }
  $('#tool-status').textContent = copied ? w.shareCopied : w.shareReady;
}

// ------------------------------------------------------------------------------------ drafts
let draftTimer = null;
/** Keep the answers in this browser (per standard and version), shortly after the last change. */
function keepDraft() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(keepDraftNow, 250);
}
function keepDraftNow() {
  const s = state.schema;
  if (!s || state.usingEdit) return;
  writeDraft(s.id, s.version, state.values, report.getDetails());
}

/** When a draft of this version is kept and differs from the answers on the page: offer it. */
function offerDraft() {
  const s = state.schema;
  if (!s || state.usingEdit) return;
  const d = readDraft(s.id, s.version);
  const same = d && JSON.stringify(d.values) === JSON.stringify(Object.fromEntries(Object.entries(state.values).filter(([, v]) => v !== '')));
  if (!d || same || !Object.keys(d.values).length) return;
  showNotice('draft', { draft: d });
}

/** The notice above the form: a draft to continue, a cleared set to undo, or a link's problem. */
function showNotice(kind, args = {}) {
  state.notice = kind ? { kind, args } : null;
  renderNotice();
}
function renderNotice() {
  const box = $('#notice'), w = W(), n = state.notice;
  box.replaceChildren();
  box.hidden = !n;
  if (!n) return;
  box.dataset.kind = n.kind;
  if (n.kind === 'draft') {
    const d = n.args.draft;
    const when = new Date(d.saved).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    box.append(el('span', {}, w.draftFound(Object.keys(d.values).length, when)), ' ',
      el('button', { type: 'button', class: 'primary', id: 'draft-continue', onclick: () => {
        const values = Object.fromEntries(Object.entries(d.values).map(([k, v]) => [k, String(v)]));
        if (d.details) report.setDetails(d.details);
        showNotice(null);
        applyValues(values);
      } }, w.draftContinue), ' ',
      el('button', { type: 'button', id: 'draft-discard', onclick: () => { removeDraft(state.schema.id, state.schema.version); keepDraftNow(); showNotice(null); } }, w.draftDiscard));
  } else if (n.kind === 'confirm-clear') {
    box.append(el('span', {}, w.confirmClear(n.args.count)), ' ',
      el('button', { type: 'button', class: 'primary', id: 'clear-yes', onclick: () => clearNow() }, w.clearYes), ' ',
      el('button', { type: 'button', id: 'clear-no', onclick: () => { showNotice(null); $('#clear').focus(); } }, w.cancel));
  } else if (n.kind === 'cleared') {
    box.append(el('span', {}, w.cleared(n.args.count)), ' ',
      el('button', { type: 'button', id: 'undo-clear', onclick: () => {
        const back = state.undo;
        state.undo = null;
        showNotice(null);
        if (back) { report.setDetails(back.details); applyValues(back.values); keepDraft(); $('#tool-status').textContent = W().undone; }
      } }, w.undo));
  } else {
    box.append(el('span', {}, typeof w[n.kind] === 'function' ? w[n.kind](...(n.args.words || [])) : w[n.kind] || n.kind), ' ',
      el('button', { type: 'button', class: 'link', onclick: () => showNotice(null) }, '×'));
  }
}

function askClear() {
  const count = Object.values(state.values).filter(v => v !== '').length;
  if (!count && !report.hasDetails()) return;
  showNotice('confirm-clear', { count });
  $('#clear-yes').focus();
}
function clearNow() {
  // The report details (unit, period, assessor, date) are cleared with the answers, and come back with them.
  state.undo = { values: Object.fromEntries(Object.entries(state.values).filter(([, v]) => v !== '')),
    details: report.getDetails() };
  const count = Object.keys(state.undo.values).length;
  report.setDetails(null);
  applyValues({});
  keepDraftNow();
  showNotice('cleared', { count });
  $('#undo-clear').focus();
}

// ------------------------------------------------------------------------------------ author edits kept
function keepEdits() { writeEdits(state.edits, state.savedEdits); }

function saveText() {
  const file = state.file, text = authorText();
  const name = file.split('/').pop() || 'standard.yard';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  state.savedEdits.add(file);
  keepEdits();
  $('#diag-summary').textContent += ' ' + W().textSaved(name);
}

/** Whether leaving the page would lose author edits nobody has saved to a file. */
function unsavedEdits() { return [...state.edits.keys()].some(f => !state.savedEdits.has(f)); }

// ------------------------------------------------------------------------------------ benchmark
/** Evaluate the current assessment `n` times after a warm-up; µs per evaluation (explain on and off). */
function bench(n = 1000) {
  const text = assessmentText(new Set(Object.keys(state.errors)));
  const h = state.handle;
  for (let i = 0; i < 200; i++) h.evaluate(text, true);
  let t0 = performance.now();
  for (let i = 0; i < n; i++) h.evaluate(text, true);
  const withExplain = (performance.now() - t0) * 1000 / n;
  for (let i = 0; i < 200; i++) h.evaluate(text, false);
  t0 = performance.now();
  for (let i = 0; i < n; i++) h.evaluate(text, false);
  const summary = (performance.now() - t0) * 1000 / n;
  return { n, explain: withExplain, summary, standard: `${h.id}@${h.version}`, bytes: text.length };
}

// ---------------------------------------------------------------------------------- author mode
let checkTimer = null;
let lastProblems = [];

// Author mode's engine (the analysis, format) and its code editor (author-editor.js: CodeMirror 6 over
// the analysis), loaded once, the first time author mode opens. Until then the text waits in `pendingText`.
let authorEngine = null;
let editor = null;
let authorLoading = null;
let pendingText = null;
function loadAuthorEngine() {
  authorLoading ??= Promise.all([import('./author-engine.js'), import('./author-editor.js')])
    .then(async ([m, ed]) => {
      await m.default();
      const analysis = new m.Analysis(JSON.stringify(libraryWithEdits()), state.lang);
      editor = ed.createEditor({
        parent: $('#editor'), analysis, tokenKinds: m.Analysis.tokenKinds(), lang: state.lang,
        labelledBy: 'source-label', describedBy: 'diag-summary',
        onEdit: () => { clearTimeout(checkTimer); checkTimer = setTimeout(runCheck, 150); },
        onFailure: e => { if (isTrap(e)) showAuthorFailure(e); },
      });
      authorEngine = m;
      return m;
    })
    .catch(e => { authorLoading = null; throw e; });   // opening author mode again tries again
  return authorLoading;
}

/** The text in author mode: the editor's, or the one waiting for it. */
const authorText = () => (editor ? editor.text() : pendingText ?? '');

function loadAuthor() {
  const file = state.file;
  const shipped = state.library.find(d => d.name === file)?.text ?? '';
  const text = state.edits.get(file) ?? shipped;
  $('#author-file').textContent = file;
  if (editor) { showFile(file, text); return; }
  pendingText = text;
  const s = $('#diag-summary');
  s.textContent = W().authorLoading;
  s.className = 'diag-summary';
  loadAuthorEngine().then(() => { if (state.mode === 'author') showFile(state.file, pendingText); }, () => {
    s.textContent = W().authorLoadFailed;
    s.className = 'diag-summary has-errors';
  });
}

function showFile(file, text) {
  try { editor.setFile(file, text); } catch (e) { if (isTrap(e)) { showAuthorFailure(e); return; } throw e; }
  runCheck();
}

function runCheck() {
  clearTimeout(checkTimer);
  const file = state.file, text = authorText();
  const shipped = state.library.find(d => d.name === file)?.text;
  const before = state.edits.get(file);
  if (text === shipped) state.edits.delete(file); else state.edits.set(file, text);
  if (state.edits.get(file) !== before) { state.savedEdits.delete(file); keepEdits(); }
  if (!editor) return;   // the edit is kept; the check runs once the author engine is loaded
  let trap = null;
  try { lastProblems = editor.check(); }
  catch (e) {
    if (isTrap(e)) trap = e;
    else if (e && e.kind === 'editor') lastProblems = [{ severity: 'error', code: e.code, message: state.lang === 'zh' ? e.zh : e.en, line: 1, column: 1, from: 0, to: 0, related: [] }];
    else throw e;
  }
  if (trap) { showAuthorFailure(trap); return; }
  renderDiagnostics();
  if (statusKey === 'engineRestarted') setStatus(W().ready);
}

/** Author mode: the engine failed on this text (it has been restarted); the text stays as typed. */
function showAuthorFailure(e) {
  const s = $('#diag-summary');
  s.textContent = failureText(e, '', 'engineKeptText');
  s.className = 'diag-summary has-errors';
  s.dataset.code = e.code;
  engineFailed();
}

function renderDiagnostics() {
  const w = W();
  delete $('#diag-summary').dataset.code;
  const errors = lastProblems.filter(p => p.severity === 'error').length;
  $('#diag-summary').textContent = lastProblems.length ? w.diagCount(errors, lastProblems.length - errors) : w.diagNone;
  $('#diag-summary').className = `diag-summary ${errors ? 'has-errors' : lastProblems.length ? 'has-warnings' : 'clean'}`;
  // The list: each problem as the analysis says it (message, then its help), a button that shows it in
  // the editor, and its quick fix (the same as the editor's lint action) as a button too.
  $('#diagnostics').replaceChildren(...lastProblems.map(p => {
    const [message, ...help] = p.message.split('\n');
    return el('li', { class: `diag ${p.severity}`, 'data-code': p.code },
      el('button', { type: 'button', class: 'link', onclick: () => editor.select(p.from, p.to) },
        el('span', { class: `sev ${p.severity}` }, `${w.severity[p.severity] || p.severity} ${p.code}`), ' ',
        el('span', { class: 'where' }, w.lineCol(p.line, p.column)), C(), message),
      p.fix ? el('button', { type: 'button', class: 'fix', onclick: () => { editor.fix(p.fix); runCheck(); } }, p.fix.title) : null,
      help.length ? el('div', { class: 'help' }, `${w.help}${C()}${help.join(' ')}`) : null,
      ...p.related.map(r => el('div', { class: 'related' }, `${w.lineCol(r.line, r.column)}${C()}${r.message}`)));
  }));
}

function tryIt() {
  runCheck();
  const w = W();
  if (lastProblems.some(p => p.severity === 'error')) { $('#diag-summary').textContent = w.tryFailed + ' ' + $('#diag-summary').textContent; return; }
  if (useStandard(state.file, { usingEdit: state.edits.has(state.file) })) {
    setMode('calc');
    setStatus(w.tried);
  }
}

function doFormat() {
  if (!authorEngine) return;   // still loading (loadAuthor says so)
  let r;
  try { r = JSON.parse(authorEngine.format(editor.text())); }
  catch (e) { if (isTrap(e)) { showAuthorFailure(e); return; } throw e; }
  if (r.ok) { editor.setText(r.text); runCheck(); $('#diag-summary').textContent += ' ' + W().formatted; }
  else { runCheck(); $('#diag-summary').textContent = W().cannotFormat + ' ' + $('#diag-summary').textContent; }
}

function revert() {
  state.edits.delete(state.file);
  keepEdits();
  if (editor) { editor.setText(state.library.find(d => d.name === state.file)?.text ?? ''); runCheck(); }   // undoable
  else loadAuthor();
  $('#diag-summary').textContent += ' ' + W().reverted;
}

// ------------------------------------------------------------------------------------ page glue
/** The status line: a key of WORDS (re-worded when the language changes) or a ready-made text. */
let statusKey = null;
function setStatus(text, bad = false) {
  const s = $('#status');
  statusKey = Object.keys(WORDS.zh).find(k => WORDS.zh[k] === text || WORDS.en[k] === text) || null;
  // "Ready" is for scripts (data-state), not a sentence on a public page.
  s.dataset.state = statusKey === 'ready' ? 'ready' : bad ? 'bad' : 'busy';
  s.textContent = statusKey === 'ready' ? '' : text;
  s.classList.toggle('bad', bad);
}

function setMode(mode) {
  state.mode = mode;
  $('#mode-calc').setAttribute('aria-pressed', String(mode === 'calc'));
  $('#mode-author').setAttribute('aria-pressed', String(mode === 'author'));
  $('#calculator').hidden = mode !== 'calc';
  $('#author').hidden = mode !== 'author';
  if (mode === 'author') loadAuthor();
}

function applyWords() {
  const w = W();
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `Yardstick ${w.appTitle}`;
  for (const n of document.querySelectorAll('[data-t]')) {
    const v = w[n.dataset.t];
    if (typeof v === 'string') n.textContent = v;
  }
  const t = $('#lang-toggle');
  t.textContent = state.lang === 'zh' ? 'English' : '中文';
  t.lang = state.lang === 'zh' ? 'en' : 'zh';
  t.setAttribute('aria-label', state.lang === 'zh' ? 'Switch to English' : '切换到中文');
  if (statusKey && statusKey !== 'ready' && typeof w[statusKey] === 'string') $('#status').textContent = w[statusKey];
  $('.modes').setAttribute('aria-label', state.lang === 'zh' ? '模式' : 'Mode');
  report.refresh();   // report: the details fieldset in the new language
}

function setLang(lang) {
  state.lang = lang === 'en' ? 'en' : 'zh';
  applyWords();
  renderNotice();
  if (!state.schema) return;
  renderPicker();
  renderHeader();
  renderForm();
  evaluateNow();
  if (state.mode === 'author' && editor) {
    try { editor.setLang(state.lang); } catch (e) { if (!isTrap(e)) throw e; }   // a trap: the next check says so
    runCheck();
  }
  updateFragment();
}

function onInput(ev) {
  const t = ev.target;
  if (!t.dataset || !t.dataset.input) return;
  // `change` follows `input` with the same value when a field loses focus: re-rendering the result then
  // would swallow the click that moved the focus (the panel under the pointer is replaced).
  if ((state.values[t.dataset.input] ?? '') === t.value) return;
  state.values[t.dataset.input] = t.value;
  updateAnswered();
  evaluateNow();
  updateFragment();
  keepDraft();
}

/** The version of a standard to open by default: the one in force on the assessment date (today when
 * none is given), else the latest. */
function defaultDoc(id, date = assessmentDate()) {
  const vs = versionsOf(id);
  return vs.find(d => inForce(d, date)) || vs[0] || null;
}
function assessmentDate() { return report.getDetails().date || new Date().toISOString().slice(0, 10); }
function inForce(d, date) { return (!d.from || d.from <= date) && (!d.until || date < d.until); }
/** The versions of a standard, the one in force today first, then the newest first. */
function versionsOf(id) {
  const today = assessmentDate();
  return state.docs.filter(d => d.id === id).sort((a, b) => {
    const fa = inForce(a, today) && a.status !== 'obsolete' ? 0 : 1, fb = inForce(b, today) && b.status !== 'obsolete' ? 0 : 1;
    if (fa !== fb) return fa - fb;
    return (b.from || '').localeCompare(a.from || '');
  });
}
/** The standard the page opens on: the national sanitary-city standard in force, else the first. */
function firstDoc() {
  return defaultDoc('cn.sanitary_city.national') || state.docs[0] || null;
}

async function restoreFromFragment() {
  const f = readFragment();
  const w = W();
  if (f.lang) { state.lang = f.lang === 'en' ? 'en' : 'zh'; applyWords(); }
  if (f.problem) {
    // A cut, altered or garbled link: keep what the page has, and say why.
    if (!state.file) { const d = firstDoc(); if (d) useStandard(d.file); }
    showNotice(f.problem === 'checksum' ? 'linkBroken' : 'linkEncoding');
    updateFragment();
    return;
  }
  let d = f.std ? state.docs.find(x => x.id === f.std && (!f.ver || x.version === f.ver)) : null;
  if (f.std && !d) {
    if (!state.file) { const d0 = firstDoc(); if (d0) useStandard(d0.file); }
    showNotice('linkUnknown', { words: [f.std, f.ver] });
    updateFragment();
    return;
  }
  let usingEdit = false;
  if (f.text && d) {
    let text = null;
    try { text = await unpackText(f.text); } catch { text = null; }
    if (text === null) { showNotice('linkTextBad'); if (!state.file) { const d0 = firstDoc(); if (d0) useStandard(d0.file); } return; }
    state.edits.set(d.file, text);
    state.savedEdits.delete(d.file);
    keepEdits();
    usingEdit = true;
  }
  if (!d && !state.file) d = firstDoc();
  if (f.values) state.values = Object.fromEntries(Object.entries(f.values).map(([k, v]) => [k, String(v)]));
  report.setDetails(f.report);   // report: the link's details (none: blank, dated today)
  if (d) {
    if (!useStandard(d.file, { keepValues: true, usingEdit }) && usingEdit) showNotice('linkTextBad');
    else if (usingEdit) showNotice('linkEdited');
  } else { renderPicker(); renderHeader(); renderForm(); evaluateNow(); }
  if (!f.values && !usingEdit) offerDraft();
}

async function main() {
  applyWords();
  setStatus(W().loading);
  await init();   // fetches ./pkg/yardstick_wasm_bg.wasm (relative to the module)
  state.libraryText = await (await fetch(new URL('./library.json', import.meta.url))).text();
  state.library = JSON.parse(state.libraryText);
  state.docs = JSON.parse(documents(state.libraryText));
  for (const d of state.docs) {   // titles for the picker: the document's own, read without compiling;
    if (d.title) continue;         // an overlay without one is compiled for its base's title
    try { const h = compileFile(state.libraryText, d.file); d.title = JSON.parse(h.schema()).title; h.free(); }
    catch { d.title = null; }
  }
  $('#standard').addEventListener('change', onPickStandard);
  $('#version').addEventListener('change', onPickVersion);
  $('#form').addEventListener('input', onInput);
  $('#form').addEventListener('change', onInput);
  $('#form').addEventListener('submit', e => e.preventDefault());
  $('#lang-toggle').addEventListener('click', () => setLang(state.lang === 'zh' ? 'en' : 'zh'));
  $('#mode-calc').addEventListener('click', () => setMode('calc'));
  $('#mode-author').addEventListener('click', () => setMode('author'));
  $('#save').addEventListener('click', save);
  $('#load').addEventListener('change', e => { if (e.target.files[0]) load(e.target.files[0]); e.target.value = ''; });
  $('#share').addEventListener('click', share);
  // report: the report is (re)built from the latest result before printing (also on beforeprint).
  report.init({
    snapshot: () => ({
      lang: state.lang, schema: state.schema, result: state.result, resultText: state.resultText,
      values: state.values, errors: state.errors, docs: state.docs,
      assessment: () => assessmentText(new Set(Object.keys(state.errors))),
      evaluate: text => JSON.parse(state.handle.evaluate(text, false)),
    }),
    onChange: () => { updateFragment(); keepDraft(); },
  });
  $('#print').addEventListener('click', () => { report.render(); window.print(); });
  $('#clear').addEventListener('click', askClear);
  $('#save-text').addEventListener('click', saveText);
  // The skip link moves the focus without touching the fragment (which holds the answers).
  $('.skip').addEventListener('click', e => { e.preventDefault(); $('#main').focus(); });
  window.addEventListener('beforeunload', e => {
    keepDraftNow();
    if (unsavedEdits()) { e.preventDefault(); e.returnValue = ''; }
  });
  window.addEventListener('pagehide', keepDraftNow);
  $('#try-it').addEventListener('click', tryIt);
  $('#format').addEventListener('click', doFormat);
  $('#revert').addEventListener('click', revert);
  window.addEventListener('hashchange', () => { if (location.hash !== fragment()) restoreFromFragment(); });
  // Author edits of the last visit come back (they live in this browser only).
  const kept = readEdits();
  for (const [f, e] of Object.entries(kept)) {
    if (state.library.some(d => d.name === f) && e && typeof e.text === 'string') {
      state.edits.set(f, e.text);
      if (e.saved) state.savedEdits.add(f);
    }
  }
  await restoreFromFragment();
  if (state.edits.size && !state.notice) showNotice('editsRestored', { words: [[...state.edits.keys()].join(', ')] });
  setStatus(W().ready);
  // For scripts and tests: the state, and the warm-evaluation benchmark.
  window.yardstick = {
    state, bench, engineStats, assessmentText: () => assessmentText(), ready: true,
    // Author mode's editor: its text, a whole new text (as a paste would), the CodeMirror view, a check now (ms).
    author: {
      text: authorText, setText: t => { if (editor) editor.setText(t); else { pendingText = t; runCheck(); } },
      view: () => editor?.view ?? null, check: () => { const t = performance.now(); runCheck(); return performance.now() - t; },
    },
    coverageMissing: () => state.docs.filter(d => !COVERAGE[`${d.id}@${d.version}`]).map(d => `${d.id}@${d.version}`),
  };
}

main().catch(e => {
  setStatus(W().loadFailed + (e && e.message || e), true);
  window.yardstick = { ready: false, error: String(e && e.stack || e) };
});
