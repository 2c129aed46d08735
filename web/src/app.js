// Yardstick self-assessment calculator: a static page over the WASM engine (./pkg) and the bundled
// library (./library.json). Nothing is sent anywhere: the state lives in the page and in the URL fragment.
// Every call to the engine goes through ./engine.js, which restarts it after a trap (error code "trap").
import init, {
  compileFile, documents, checkInLibrary, format as formatText, engineStats, TRAP, TRAP_WORDS,
} from './engine.js';
import * as report from './report.js';   // report: the printed report and its details

// ------------------------------------------------------------------------------------------ words
const WORDS = {
  zh: {
    skip: '跳到内容', appTitle: '自评计算器', modeCalc: '计算器', modeAuthor: '作者模式',
    pickerHeading: '选择标准', standard: '标准', version: '版本', answers: '答案', tools: '工具',
    save: '保存 JSON', load: '打开 JSON…', share: '分享链接', print: '打印报告', clear: '清空',
    shareLabel: '链接（答案只保存在链接的 # 之后，不会发送到任何地方）', result: '结果',
    benchTitle: '性能', benchRun: '测速：评估 1000 次', authorHeading: '作者模式：编辑标准文本',
    authorHelp: '边写边检查；问题在原文中标出。“试用”用编辑后的文本生成表单并计算。',
    sourceLabel: '标准文本', tryIt: '试用', format: '格式化', revert: '恢复原文',
    footer: '在本机计算：不联网，不上传任何数据。',
    loading: '正在加载…', ready: '已就绪', loadFailed: '加载失败：',
    title: '名称', window: '有效期', status: '状态', source: '依据', lineage: '组成', hash: '指纹',
    from: '自', until: '至', noWindow: '未写明', tier: '可信度',
    statusNames: { draft: '草案', accepted: '现行', superseded: '已被替代', obsolete: '已废止' },
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
    benchResult: (us, n, us2) => `每次评估 ${us} 微秒（${n} 次，含完整解释）；不含解释 ${us2} 微秒`,
    edited: file => `正在使用编辑后的 ${file}（未保存）。`, backToShipped: '改回原文',
    diagNone: '没有发现问题。', diagCount: (e, w) => `${e} 个错误，${w} 个警告`,
    lineCol: (l, c) => `第 ${l} 行第 ${c} 列`, help: '建议', at: '位置',
    severity: { error: '错误', warning: '警告' }, tryFailed: '无法试用：请先改正错误。',
    tried: '已用编辑后的文本生成表单。', formatted: '已格式化。', cannotFormat: '有语法错误，无法格式化。',
    reverted: '已恢复原文。', problemsIn: '标准有问题：', group: '组',
    engineRestarted: TRAP_WORDS.zh, engineKept: '答案都还在；再改一个答案即可继续。', engineKeptText: '文本都还在；再改一处即可继续检查。',
  },
  en: {
    skip: 'Skip to content', appTitle: 'self-assessment calculator', modeCalc: 'Calculator',
    modeAuthor: 'Author mode', pickerHeading: 'Choose a standard', standard: 'Standard', version: 'Version',
    answers: 'Answers', tools: 'Tools', save: 'Save JSON', load: 'Open JSON…', share: 'Share link',
    print: 'Print report', clear: 'Clear',
    shareLabel: 'Link (the answers live only after the # of the link; nothing is sent anywhere)',
    result: 'Result', benchTitle: 'Performance', benchRun: 'Benchmark: 1000 evaluations',
    authorHeading: 'Author mode: edit the standard’s text',
    authorHelp: 'Checked as you type; problems are marked in the text. “Try it” builds the form from the edited text.',
    sourceLabel: 'Standard text', tryIt: 'Try it', format: 'Format', revert: 'Revert',
    footer: 'Computed on this device: no network, nothing uploaded.',
    loading: 'Loading…', ready: 'Ready', loadFailed: 'Could not load: ',
    title: 'Title', window: 'In force', status: 'Status', source: 'Source', lineage: 'Built from',
    hash: 'Fingerprint', from: 'from', until: 'until', noWindow: 'not stated', tier: 'tier',
    statusNames: { draft: 'draft', accepted: 'accepted', superseded: 'superseded', obsolete: 'obsolete' },
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
    benchResult: (us, n, us2) => `${us} µs per evaluation (${n} runs, full explanation); ${us2} µs without explanation`,
    edited: file => `Using the edited ${file} (not saved).`, backToShipped: 'Back to the shipped text',
    diagNone: 'No problems found.', diagCount: (e, w) => `${e} error(s), ${w} warning(s)`,
    lineCol: (l, c) => `line ${l}, column ${c}`, help: 'Help', at: 'At',
    severity: { error: 'error', warning: 'warning' }, tryFailed: 'Cannot try it: fix the errors first.',
    tried: 'The form now uses the edited text.', formatted: 'Formatted.', cannotFormat: 'Syntax errors: cannot format.',
    reverted: 'Reverted to the shipped text.', problemsIn: 'The standard has problems: ', group: 'group',
    engineRestarted: TRAP_WORDS.en, engineKept: 'Your answers are kept; change any answer to go on.', engineKeptText: 'Your text is kept; edit it to check again.',
  },
};

const $ = sel => document.querySelector(sel);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) e.append(k);
  return e;
};

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

/** `（x）` in Chinese, ` (x)` in English. */
function paren(x) { return state.lang === 'zh' ? `（${x}）` : ` (${x})`; }

// --------------------------------------------------------------------------------------- picker
function renderPicker() {
  const std = $('#standard'), ver = $('#version');
  const cur = state.docs.find(d => d.file === state.file);
  const ids = [...new Set(state.docs.map(d => d.id))];
  std.replaceChildren(...ids.map(id => {
    // The title of the chosen version, or else of the last version listed.
    const d = cur && cur.id === id ? cur : state.docs.filter(x => x.id === id).pop();
    const t = docTitle(d);
    return el('option', { value: id, selected: cur && cur.id === id }, t ? `${t} — ${id}` : id);
  }));
  const versions = state.docs.filter(d => cur && d.id === cur.id);
  ver.replaceChildren(...versions.map(d => el('option', { value: d.version, selected: d.file === state.file },
    d.version + paren(windowText(d.from, d.until)
      + (d.status ? (state.lang === 'zh' ? '，' : ', ') + (W().statusNames[d.status] || d.status) : '')))));
}

function renderHeader() {
  const s = state.schema, w = W();
  const dl = $('#header-info');
  dl.replaceChildren();
  if (!s) return;
  const row = (k, v, cls) => { if (v) dl.append(el('div', { class: 'hrow' }, el('dt', { text: k }), el('dd', { class: cls, text: v }))); };
  row(w.title, L(s.title) || s.id);
  row(w.version, s.version);
  row(w.window, windowText(s.effective.from, s.effective.until, s.effective.note));
  row(w.status, s.status ? (w.statusNames[s.status] || s.status) : null);
  row(w.source, s.source ? s.source.source + (s.source.tier ? paren(`${w.tier} ${s.source.tier}`) : '') : null);
  if (s.lineage.length > 1) row(w.lineage, s.lineage.join(' ← '), 'mono');
  row(w.hash, s.hash.slice(0, 12), 'mono');
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
  const order = schema.sections.map(s => s.id);
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
  return keys.map(k => ({ id: k, meta: schema.sections.find(s => s.id === k), inputs: groups.get(k) }));
}

/** A readable label for an id that has none in the schema (a used standard's section or group). */
function idLabel(id) {
  const item = state.result?.items?.find(i => i.id === id);
  if (item && L(item.labels)) return L(item.labels);
  return id;
}

function rangeText(inp) {
  const u = inp.unit && inp.unit !== '%' ? ` ${inp.unit}` : inp.unit || '';
  if (inp.min !== null && inp.max !== null) return `${inp.min}–${inp.max}${u}`;
  if (inp.min !== null) return `≥ ${inp.min}${u}`;
  if (inp.max !== null) return `≤ ${inp.max}${u}`;
  return null;
}

function renderForm() {
  const form = $('#form'), w = W(), s = state.schema;
  form.replaceChildren();
  if (!s) return;
  for (const sec of sectionsOf(s)) {
    const legend = sec.meta ? (L(sec.meta.labels) || sec.id) : sec.id ? idLabel(sec.id) : w.otherSection;
    const fs = el('fieldset', { class: 'section', 'data-section': sec.id },
      el('legend', {}, legend, sec.meta?.veto ? el('span', { class: 'tag veto' }, state.lang === 'zh' ? '否决项' : 'veto') : null));
    let box = null, groupId;
    for (const inp of sec.inputs) {
      if (!box || inp.group !== groupId) {
        groupId = inp.group;
        box = el('div', { class: 'fields' });
        if (groupId) fs.append(el('fieldset', { class: 'group', 'data-group': groupId }, el('legend', { text: idLabel(groupId) }), box));
        else fs.append(box);
      }
      box.append(renderField(inp));
    }
    form.append(fs);
  }
  updateAnswered();
}

function renderField(inp) {
  const w = W(), id = fieldId(inp.id);
  const label = L(inp.labels) || inp.id;
  const other = state.lang === 'zh' ? inp.labels.en : inp.labels.zh;
  const hintParts = [];
  const rng = rangeText(inp);
  if (rng) hintParts.push(`${w.range} ${rng}`);
  else if (inp.unit) hintParts.push(`${w.unit} ${inp.unit}`);
  if (inp.type.startsWith('series')) hintParts.push(w.seriesHint(inp.length));
  const help = L(inp.help);
  const raw = state.values[inp.id] ?? '';
  let control;
  const common = { id, name: inp.id, 'data-input': inp.id, 'aria-describedby': `${id}-hint ${id}-err` };
  if (inp.type === 'bool') {
    control = el('select', common,
      el('option', { value: '', selected: raw === '' }, `— ${w.unanswered} —`),
      el('option', { value: 'true', selected: raw === 'true' }, w.yes),
      el('option', { value: 'false', selected: raw === 'false' }, w.no));
  } else if (inp.type === 'enum') {
    control = el('select', common,
      el('option', { value: '', selected: raw === '' }, `— ${w.unanswered} —`),
      ...inp.values.map(v => el('option', { value: v, selected: raw === v }, v)));
  } else if (inp.type === 'date') {
    control = el('input', { ...common, type: 'date', value: raw });
  } else {
    control = el('input', {
      ...common, type: 'text', value: raw, spellcheck: 'false',
      inputmode: inp.type === 'count' ? 'numeric' : 'decimal',
    });
  }
  const unit = inp.unit && !inp.type.startsWith('series') ? el('span', { class: 'unit', 'aria-hidden': 'true' }, inp.unit) : null;
  const srcText = inp.source ? `${w.helpSource}: ${inp.source.source}${inp.source.tier ? ` (${w.tier} ${inp.source.tier})` : ''}` : null;
  return el('div', { class: 'field', 'data-field': inp.id },
    el('label', { for: id }, el('span', { class: 'label-main' }, label),
      other && other !== label ? el('span', { class: 'label-other', lang: state.lang === 'zh' ? 'en' : 'zh' }, other) : null),
    el('div', { class: 'control' }, control, unit),
    el('p', { class: 'hint', id: `${id}-hint` },
      [hintParts.join('；'), help, srcText].filter(Boolean).join(' · ') || null),
    el('p', { class: 'error', id: `${id}-err`, role: 'alert' }));
}

function updateAnswered() {
  const s = state.schema;
  if (!s) return;
  const n = s.inputs.filter(i => (state.values[i.id] ?? '') !== '').length;
  $('#answered').textContent = W().answered(n, s.inputs.length);
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

function renderResult(failure) {
  const body = $('#result-body'), w = W(), r = state.result;
  body.replaceChildren();
  if (failure) {
    body.append(el('p', { class: 'error-box', role: 'alert', 'data-code': failure.code || null }, failureText(failure, w.evalError)));
  }
  const mini = $('#mini-outcome');
  mini.replaceChildren();
  mini.className = 'mini-outcome';
  if (!r) return;
  mini.classList.add(`o-${r.outcome}`);
  mini.append(el('a', { href: '#results' }, `${w.outcomeLead}: ${MARK[r.outcome]} ${w.outcomeNames[r.outcome]}`
    + (r.vetoed_by.length ? ` · ${r.vetoed_by.length} ${state.lang === 'zh' ? '项否决' : 'veto(es)'}` : '')));
  const nInvalid = Object.keys(state.errors).length;
  body.append(el('div', { class: `outcome o-${r.outcome}`, id: 'outcome', 'data-outcome': r.outcome },
    el('span', { class: 'outcome-lead' }, w.outcomeLead),
    el('strong', { class: 'outcome-word' }, `${MARK[r.outcome]} ${w.outcomeNames[r.outcome]}`),
    r.grade !== null ? el('span', { class: 'outcome-grade' }, `${w.grade}: ${r.grade}`) : null));
  if (nInvalid) body.append(el('p', { class: 'warn' }, w.invalidCount(nInvalid)));
  const byId = new Map(r.items.map(i => [i.id, i]));

  // Vetoes first.
  if (r.vetoed_by.length) {
    body.append(el('section', { class: 'vetoes', id: 'vetoes' }, el('h3', { text: w.vetoes }),
      el('ul', {}, r.vetoed_by.map(id => {
        const it = byId.get(id);
        return el('li', { 'data-item': id }, outcomeBadge('fail'), ' ',
          el('span', { class: 'clause' }, it?.clause ? `${w.clause} ${it.clause}` : id), ' ',
          el('span', { class: 'sentence' }, it ? sentence(it) : id));
      }))));
  }

  // Levels, grade, score.
  const outs = Object.entries(r.outputs);
  if (outs.length) {
    body.append(el('section', { class: 'outputs' }, el('h3', { text: w.outputs }),
      el('dl', {}, outs.map(([k, v]) => el('div', { class: 'hrow' },
        el('dt', { text: idLabel(k) }),
        el('dd', { 'data-output': k, text: v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v) }))))));
  }

  // With answers missing: best and worst still possible, and what to answer next.
  if (r.partial) {
    const p = r.partial;
    const inputsById = new Map(state.schema.inputs.map(i => [i.id, i]));
    body.append(el('section', { class: 'partial', id: 'partial' }, el('h3', { text: w.partial + paren(r.missing.length) }),
      el('p', {}, `${w.best}: `, outcomeBadge(p.best), `  ${w.worst}: `, outcomeBadge(p.worst)),
      Object.keys(p.outputs).length ? el('ul', {}, Object.entries(p.outputs).map(([k, v]) =>
        el('li', {}, `${idLabel(k)}: ${w.best} ${v.best ?? '—'}${state.lang === 'zh' ? '，' : ', '}${w.worst} ${v.worst ?? '—'}`))) : null,
      p.ask_next.length ? el('div', { class: 'ask-next' }, el('h4', { text: w.askNext }),
        el('ol', {}, p.ask_next.map(id => el('li', {}, el('button', {
          type: 'button', class: 'link', onclick: () => { const f = document.getElementById(fieldId(id)); f?.focus(); f?.scrollIntoView({ block: 'center' }); },
        }, L(inputsById.get(id)?.labels) || id))))) : null));
  }

  // Fixes.
  if (r.fixes.length) {
    body.append(el('section', { class: 'fixes', id: 'fixes' }, el('h3', { text: w.fixes }),
      el('ul', {}, r.fixes.map(f => el('li', { 'data-fix': f.input }, '→ ', sentence(f))))));
  }

  // Every item, grouped by section.
  const items = r.items.filter(i => i.kind !== 'value');
  const list = el('section', { class: 'items', id: 'items' }, el('h3', { text: w.items }));
  if (!items.length) list.append(el('p', { class: 'muted', text: w.noItems }));
  let sec, ul;
  for (const it of items) {
    if (it.section !== sec || !ul) {
      sec = it.section;
      const meta = state.schema.sections.find(s => s.id === sec);
      list.append(el('h4', { text: meta ? (L(meta.labels) || sec) : (sec ? sec : w.otherSection) }));
      ul = el('ul', { class: 'item-list' });
      list.append(ul);
    }
    const checks = (it.checks || []).map(c => {
      const src = c.source ? ` [${c.source.source}${c.source.tier ? `, ${w.tier} ${c.source.tier}` : ''}]` : '';
      return el('li', {}, sentence(c) + src);
    });
    const cite = it.source ? `${it.source.source}${it.source.tier ? `, ${w.tier} ${it.source.tier}` : ''}` : null;
    ul.append(el('li', { class: `item o-${it.outcome || 'none'}`, 'data-item': it.id },
      outcomeBadge(it.outcome), ' ',
      el('span', { class: 'sentence' }, sentence(it)),
      checks.length || cite ? el('details', {}, el('summary', { text: `${w.checks}${it.clause ? ` · ${w.clause} ${it.clause}` : ''}` }),
        cite ? el('p', { class: 'muted', text: `${w.source}: ${cite}` }) : null,
        checks.length ? el('ul', { class: 'checks' }, checks) : null) : null));
  }
  body.append(list);
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
  useStandard(state.file, { usingEdit: false });
  updateFragment();
  if (state.mode === 'author') loadAuthor();
}

function onPickStandard() {
  const id = $('#standard').value;
  const d = state.docs.find(x => x.id === id);
  if (d) { useStandard(d.file); updateFragment(); }
}

function onPickVersion() {
  const cur = state.docs.find(d => d.file === state.file);
  const d = state.docs.find(x => x.id === cur?.id && x.version === $('#version').value);
  if (d) { useStandard(d.file); updateFragment(); }
}

// ---------------------------------------------------------------------------- fragment (share)
function b64urlEncode(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function b64urlDecode(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0)));
}

function fragment() {
  const d = state.docs.find(x => x.file === state.file);
  const p = new URLSearchParams();
  if (d) { p.set('std', d.id); p.set('ver', d.version); }
  p.set('lang', state.lang);
  const answered = Object.fromEntries(Object.entries(state.values).filter(([, v]) => v !== ''));
  if (Object.keys(answered).length) p.set('a', b64urlEncode(JSON.stringify(answered)));
  report.toParams(p);   // report: the report details (r=)
  return '#' + p.toString();
}

function updateFragment() {
  const f = fragment();
  if (location.hash !== f) history.replaceState(null, '', f);
}

function readFragment() {
  const p = new URLSearchParams(location.hash.slice(1));
  const out = { std: p.get('std'), ver: p.get('ver'), lang: p.get('lang'), values: null, report: report.fromParams(p) };   // report:
  if (p.get('a')) {
    try { out.values = JSON.parse(b64urlDecode(p.get('a'))); } catch { out.values = null; }
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
  try {
    const a = parseAssessment(await file.text());
    let msg = w.loaded(file.name);
    if (a.standard) {
      const d = state.docs.find(x => x.id === a.standard && (!a.version || x.version === a.version));
      const cur = state.docs.find(x => x.file === state.file);
      if (d && d.file !== state.file) { useStandard(d.file, { keepValues: false }); msg += ' ' + w.loadedOther(`${d.id} ${d.version}`); }
      else if (!d && cur && a.standard !== cur.id) msg += ' ' + w.notAnAssessment + a.standard;
    }
    if (a.details) report.setDetails(a.details);   // report: a file without details keeps the current ones
    const unknown = applyValues(a.values);
    if (unknown.length) msg += ' ' + w.ignored(unknown.join(', '));
    $('#tool-status').textContent = msg;
  } catch (e) {
    $('#tool-status').textContent = w.notAnAssessment + e.message;
  }
}

async function share() {
  updateFragment();
  const box = $('#share-box'), input = $('#share-link');
  box.hidden = false;
  input.value = location.href;
  input.focus();
  input.select();
  let copied = false;
  try { await navigator.clipboard.writeText(location.href); copied = true; } catch { /* no permission: select instead */ }
  $('#tool-status').textContent = copied ? W().shareCopied : W().shareReady;
}

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

function runBench() {
  let b;
  try { b = bench(1000); } catch (e) { $('#bench-out').textContent = failureText(e); if (isTrap(e)) engineFailed(); return null; }
  $('#bench-out').textContent = W().benchResult(b.explain.toFixed(1), b.n, b.summary.toFixed(1));
  return b;
}

// ---------------------------------------------------------------------------------- author mode
function byteToIndex(text, byte) {
  let b = 0, i = 0;
  while (i < text.length && b < byte) {
    const cp = text.codePointAt(i);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

let checkTimer = null;
let lastProblems = [];

function loadAuthor() {
  const file = state.file;
  const shipped = state.library.find(d => d.name === file)?.text ?? '';
  $('#source').value = state.edits.get(file) ?? shipped;
  $('#author-file').textContent = file;
  runCheck();
}

function runCheck() {
  const file = state.file, text = $('#source').value;
  const shipped = state.library.find(d => d.name === file)?.text;
  if (text === shipped) state.edits.delete(file); else state.edits.set(file, text);
  const lib = libraryWithEdits();
  let problems, trap = null;
  try { problems = JSON.parse(checkInLibrary(JSON.stringify(lib), file)); }
  catch (e) { problems = e.problems || []; if (isTrap(e)) trap = e; }
  lastProblems = problems.filter(p => p.file === file);
  renderDiagnostics(text);
  if (trap) showAuthorFailure(trap);
  else if (statusKey === 'engineRestarted') setStatus(W().ready);
}

/** Author mode: the engine failed on this text (it has been restarted); the text stays as typed. */
function showAuthorFailure(e) {
  const s = $('#diag-summary');
  s.textContent = failureText(e, '', 'engineKeptText');
  s.className = 'diag-summary has-errors';
  s.dataset.code = e.code;
  engineFailed();
}

function renderDiagnostics(text) {
  const w = W();
  delete $('#diag-summary').dataset.code;
  const errors = lastProblems.filter(p => p.severity === 'error').length;
  $('#diag-summary').textContent = lastProblems.length ? w.diagCount(errors, lastProblems.length - errors) : w.diagNone;
  $('#diag-summary').className = `diag-summary ${errors ? 'has-errors' : lastProblems.length ? 'has-warnings' : 'clean'}`;
  // The overlay: the same text, with each problem's span marked.
  const spans = lastProblems.map((p, n) => {
    let s = byteToIndex(text, p.start), e = byteToIndex(text, p.end);
    if (e <= s) { if (s < text.length && text[s] !== '\n') e = s + 1; else if (s > 0) { s -= 1; e = s + 1; } }
    return { s, e, n, sev: p.severity };
  }).sort((a, b) => a.s - b.s);
  const hl = $('#highlight');
  hl.replaceChildren();
  let pos = 0;
  for (const sp of spans) {
    if (sp.s < pos) continue;   // overlapping: the first one wins
    hl.append(text.slice(pos, sp.s), el('mark', { class: sp.sev, 'data-problem': sp.n }, text.slice(sp.s, sp.e)));
    pos = sp.e;
  }
  hl.append(text.slice(pos) + '\n');
  syncScroll();
  $('#diagnostics').replaceChildren(...lastProblems.map((p, n) => el('li', { class: `diag ${p.severity}`, 'data-code': p.code },
    el('button', {
      type: 'button', class: 'link', onclick: () => showInEditor(p),
    }, el('span', { class: `sev ${p.severity}` }, `${w.severity[p.severity] || p.severity} ${p.code}`), ' ',
      el('span', { class: 'where' }, w.lineCol(p.line, p.column)), ': ', problemText(p)),
    p.text ? el('div', { class: 'at' }, `${w.at}: `, el('code', {}, p.text), p.label ? ` — ${(state.lang === 'zh' && p.label_zh) || p.label}` : '') : null,
    p.help ? el('div', { class: 'help' }, `${w.help}: ${(state.lang === 'zh' && p.help_zh) || p.help}`) : null,
    ...p.related.map(r => el('div', { class: 'related' }, `${w.lineCol(r.line, r.column)}: ${(state.lang === 'zh' && r.message_zh) || r.message}`)),
  )));
}

/** Select a problem's text in the editor and scroll it into view. */
function showInEditor(p) {
  const ta = $('#source');
  const s = byteToIndex(ta.value, p.start), e = Math.max(byteToIndex(ta.value, p.end), s);
  ta.focus({ preventScroll: true });
  ta.setSelectionRange(s, e);
  const cs = getComputedStyle(ta);
  const lh = parseFloat(cs.lineHeight) || 20;
  ta.scrollTop = Math.max(0, (p.line - 1) * lh - ta.clientHeight / 3);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
  const lineStart = ta.value.lastIndexOf('\n', s - 1) + 1;
  const x = ctx.measureText(ta.value.slice(lineStart, s)).width;
  ta.scrollLeft = x > ta.clientWidth * 0.7 ? x - ta.clientWidth / 2 : 0;
  syncScroll();
}

function syncScroll() {
  const ta = $('#source'), hl = $('#highlight');
  hl.scrollTop = ta.scrollTop;
  hl.scrollLeft = ta.scrollLeft;
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
  let r;
  try { r = JSON.parse(formatText($('#source').value)); }
  catch (e) { if (isTrap(e)) { showAuthorFailure(e); return; } throw e; }
  if (r.ok) { $('#source').value = r.text; runCheck(); $('#diag-summary').textContent += ' ' + W().formatted; }
  else { runCheck(); $('#diag-summary').textContent = W().cannotFormat + ' ' + $('#diag-summary').textContent; }
}

function revert() {
  state.edits.delete(state.file);
  loadAuthor();
  $('#diag-summary').textContent += ' ' + W().reverted;
}

// ------------------------------------------------------------------------------------ page glue
/** The status line: a key of WORDS (re-worded when the language changes) or a ready-made text. */
let statusKey = null;
function setStatus(text, bad = false) {
  const s = $('#status');
  statusKey = Object.keys(WORDS.zh).find(k => WORDS.zh[k] === text || WORDS.en[k] === text) || null;
  s.textContent = text;
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
  if (statusKey && typeof w[statusKey] === 'string') $('#status').textContent = w[statusKey];
  $('.modes').setAttribute('aria-label', state.lang === 'zh' ? '模式' : 'Mode');
  report.refresh();   // report: the details fieldset in the new language
}

function setLang(lang) {
  state.lang = lang === 'en' ? 'en' : 'zh';
  applyWords();
  if (!state.schema) return;
  renderPicker();
  renderHeader();
  renderForm();
  evaluateNow();
  if (state.mode === 'author') renderDiagnostics($('#source').value);
  updateFragment();
}

function onInput(ev) {
  const t = ev.target;
  if (!t.dataset || !t.dataset.input) return;
  state.values[t.dataset.input] = t.value;
  updateAnswered();
  evaluateNow();
  updateFragment();
}

function restoreFromFragment() {
  const f = readFragment();
  if (f.lang) { state.lang = f.lang === 'en' ? 'en' : 'zh'; applyWords(); }
  let d = f.std ? state.docs.find(x => x.id === f.std && (!f.ver || x.version === f.ver)) : null;
  if (!d && !state.file) d = state.docs[0];
  if (f.values) state.values = Object.fromEntries(Object.entries(f.values).map(([k, v]) => [k, String(v)]));
  report.setDetails(f.report);   // report: the link's details (none: blank, dated today)
  if (d) useStandard(d.file, { keepValues: true });
  else { renderPicker(); renderHeader(); renderForm(); evaluateNow(); }
}

async function main() {
  applyWords();
  setStatus(W().loading);
  await init();   // fetches ./pkg/yardstick_wasm_bg.wasm (relative to the module)
  state.libraryText = await (await fetch(new URL('./library.json', import.meta.url))).text();
  state.library = JSON.parse(state.libraryText);
  state.docs = JSON.parse(documents(state.libraryText));
  for (const d of state.docs) {   // titles for the picker
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
    onChange: updateFragment,
  });
  $('#print').addEventListener('click', () => { report.render(); window.print(); });
  $('#clear').addEventListener('click', () => { applyValues({}); });
  $('#bench-run').addEventListener('click', runBench);
  $('#source').addEventListener('input', () => { clearTimeout(checkTimer); checkTimer = setTimeout(runCheck, 150); });
  $('#source').addEventListener('scroll', syncScroll);
  $('#try-it').addEventListener('click', tryIt);
  $('#format').addEventListener('click', doFormat);
  $('#revert').addEventListener('click', revert);
  window.addEventListener('hashchange', () => { if (location.hash !== fragment()) restoreFromFragment(); });
  restoreFromFragment();
  setStatus(W().ready);
  // For scripts and tests: the state, and the warm-evaluation benchmark.
  window.yardstick = { state, bench, engineStats, assessmentText: () => assessmentText(), ready: true };
}

main().catch(e => {
  setStatus(W().loadFailed + (e && e.message || e), true);
  window.yardstick = { ready: false, error: String(e && e.stack || e) };
});
