// Author mode's code editor: CodeMirror 6 over the author engine's analysis (crates/yardstick-ide through
// the class `Analysis` of crates/yardstick-wasm, feature `author`): the same diagnostics, quick fixes,
// hover and completion as `yardstick lsp`, highlighting from its semantic tokens, line numbers.
//
// Bundled by web/build.mjs (esbuild) into web/dist/author-editor.js, which app.js imports the first time
// author mode opens (the service worker stores it when first asked for, like the author engine), so the
// calculator's first visit never downloads it. Positions are CodeMirror's: UTF-16 offsets into the text,
// which is what the analysis takes and gives.
import { EditorState, StateEffect, StateField, Compartment } from '@codemirror/state';
import {
  EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, hoverTooltip, showTooltip,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { setDiagnostics, lintKeymap, lintGutter } from '@codemirror/lint';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';

/** The analysis' completion kinds → CodeMirror's completion icons. */
const COMPLETION_TYPE = {
  keyword: 'keyword', type: 'type', function: 'function', input: 'variable', item: 'method', measure: 'class',
  value: 'enum', unit: 'constant', standard: 'namespace', version: 'text', derived: 'property',
};

/** CodeMirror's own words in Chinese (the lint panel, the completion list, the search of `Mod-f` is not
 * bound). English is CodeMirror's default. */
const PHRASES_ZH = {
  Diagnostics: '问题', 'No diagnostics': '没有问题', Completions: '补全',
};

// Highlighting: the analysis' semantic tokens as marks (class `tok-<kind>`), mapped through edits until
// the next check replaces them.
const setTokens = StateEffect.define();
const tokens = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    let d = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setTokens)) d = e.value;
    return d;
  },
  provide: f => EditorView.decorations.from(f),
});

function tokenMarks(flat, kinds, length) {
  const marks = new Map(kinds.map(k => [k, Decoration.mark({ class: `tok-${k}` })]));
  const ranges = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const from = flat[i], to = Math.min(flat[i + 1], length), kind = kinds[flat[i + 2]];
    if (to > from && marks.has(kind)) ranges.push(marks.get(kind).range(from, to));
  }
  return Decoration.set(ranges, true);
}

/** The little Markdown a hover is written in (bold, code, bullet lists, paragraphs), as DOM nodes. */
export function markdownNodes(markdown) {
  const inline = (parent, text) => {
    const re = /\*\*`([^`]*)`\*\*|\*\*([^*]+)\*\*|`([^`]*)`/g;
    let pos = 0, m;
    while ((m = re.exec(text))) {
      parent.append(text.slice(pos, m.index));
      let node;
      if (m[1] !== undefined) { node = document.createElement('strong'); const c = document.createElement('code'); c.textContent = m[1]; node.append(c); }
      else if (m[2] !== undefined) { node = document.createElement('strong'); node.textContent = m[2]; }
      else { node = document.createElement('code'); node.textContent = m[3]; }
      parent.append(node);
      pos = re.lastIndex;
    }
    parent.append(text.slice(pos));
  };
  const out = [];
  let list = null, para = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('- ')) {
      para = null;
      if (!list) { list = document.createElement('ul'); out.push(list); }
      const li = document.createElement('li');
      inline(li, line.slice(2));
      list.append(li);
    } else if (line.trim() === '') {
      list = null; para = null;
    } else {
      list = null;
      if (para) para.append(document.createElement('br'));
      else { para = document.createElement('p'); out.push(para); }
      inline(para, line);
    }
  }
  return out;
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '.92rem', backgroundColor: '#fff', color: '#1b1f24' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#f4f5f7', color: '#4a5160', borderRight: '1px solid #d5d9e0' },
  '.cm-activeLineGutter': { backgroundColor: '#e3e7ee', color: '#1b1f24' },
  '.cm-activeLine': { backgroundColor: '#f3f6fb' },
  '&.cm-focused': { outline: '2px solid #1f5fbf', outlineOffset: '-2px' },
  '.cm-tooltip': { maxWidth: '36rem', fontSize: '.9rem' },
  '.cm-tooltip.cm-tooltip-hover, .cm-tooltip.cm-hover': { padding: '.4rem .6rem', backgroundColor: '#fff', color: '#1b1f24' },
  '.cm-hover p, .cm-hover ul': { margin: '.2rem 0' },
  '.cm-hover ul': { paddingLeft: '1.2rem' },
  '.cm-diagnosticAction': { backgroundColor: '#1f5fbf', color: '#fff' },
  '.tok-keyword': { color: '#8a1a8a', fontWeight: '600' },
  '.tok-type': { color: '#005a80' },
  '.tok-function': { color: '#6b4400' },
  '.tok-string': { color: '#1d6b1d' },
  '.tok-number': { color: '#0b5394' },
  '.tok-comment': { color: '#5d6470', fontStyle: 'italic' },
  '.tok-operator': { color: '#8a3a00' },
  '.tok-namespace': { color: '#6a3f99' },
  '.tok-variable': { color: '#0d4f8b' },
  '.tok-property': { color: '#7a3b00' },
  '.tok-method': { color: '#8b1e3f', fontWeight: '600' },
  '.tok-class': { color: '#5b2d86' },
  '.tok-enumMember': { color: '#2f5f1f' },
});

/**
 * The editor in `parent`, over `analysis` (author-engine.js's `Analysis`, which survives engine restarts).
 * `onEdit()` is called after every change of the text (app.js checks it a moment later and keeps it);
 * `onFailure(e)` when the engine fails in a hover or a completion (a trap: the page says so).
 * `labelledBy` names the element that labels the text (for assistive technology).
 */
export function createEditor({ parent, analysis, tokenKinds, lang, labelledBy, describedBy, onEdit, onFailure }) {
  const open = new Set();   // the files the analysis has open
  let file = null;
  let synced = null;        // the text the analysis has of `file`
  const language = new Compartment();
  let current = lang;
  const phrases = l => EditorState.phrases.of(l === 'zh' ? PHRASES_ZH : {});

  /** The analysis has the editor's text. */
  const sync = () => {
    const text = view.state.doc.toString();
    if (text === synced) return;
    analysis.update(file, text);
    synced = text;
  };

  const guarded = fn => (...args) => {
    try { sync(); return fn(...args); } catch (e) { onFailure(e); return null; }
  };

  const hoverAt = guarded((view, pos) => {
    const h = JSON.parse(analysis.hover(file, pos));
    if (!h) return null;
    return {
      pos: h.from, end: h.to, above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'cm-hover';
        dom.setAttribute('role', 'status');   // read out when shown from the keyboard
        dom.append(...markdownNodes(h.markdown));
        return { dom };
      },
    };
  });
  const hover = hoverTooltip(hoverAt, { hoverTime: 300 });
  // The same hover from the keyboard (Ctrl-K Ctrl-I, as in VS Code): at the cursor, until the next edit,
  // move or Esc.
  const setKeyHover = StateEffect.define();
  const keyHover = StateField.define({
    create: () => null,
    update(tip, tr) {
      for (const e of tr.effects) if (e.is(setKeyHover)) return e.value;
      return tr.docChanged || tr.selection ? null : tip;
    },
    provide: f => showTooltip.from(f),
  });
  const keyHoverKeys = [
    { key: 'Mod-k Mod-i', run: v => { v.dispatch({ effects: setKeyHover.of(hoverAt(v, v.state.selection.main.head)) }); return true; } },
    { key: 'Escape', run: v => { if (!v.state.field(keyHover)) return false; v.dispatch({ effects: setKeyHover.of(null) }); return true; } },
  ];

  const complete = guarded(context => {
    const items = JSON.parse(analysis.completion(file, context.pos));
    if (!items.length) return null;
    const from = Math.min(...items.map(c => c.from));
    const word = context.matchBefore(/[\w.]*/);
    if (!context.explicit && (!word || word.from === word.to)) return null;   // typing a word, or Ctrl-Space
    return {
      from, to: context.pos,
      options: items.map(c => ({ label: c.label, type: COMPLETION_TYPE[c.kind] || 'text', detail: c.detail })),
      validFor: /^[\w.]*$/,
    };
  });

  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(),
    lintGutter(), tokens, hover, keyHover,
    autocompletion({ override: [complete], icons: true }),
    keymap.of([...completionKeymap, ...keyHoverKeys, ...lintKeymap, ...historyKeymap, ...defaultKeymap]),
    EditorView.contentAttributes.of({
      // tabindex: focusable as axe-core counts it (its scroller holds it), the same single tab stop.
      id: 'source', tabindex: '0', spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off',
      'aria-labelledby': labelledBy, 'aria-describedby': describedBy,
    }),
    EditorView.updateListener.of(u => { if (u.docChanged) onEdit(); }),
    theme,
  ];
  const stateOf = doc => EditorState.create({ doc, extensions: [extensions, language.of(phrases(current))] });
  const view = new EditorView({ parent, state: stateOf('') });

  /** Lint diagnostics of the analysis' answers; a "did you mean" becomes an action that applies it. */
  const lintOf = (diags, fixes) => diags.map(d => {
    const fix = fixes.find(f => f.code === d.code && f.from === d.from && f.to === d.to);
    return {
      from: d.from, to: Math.max(d.to, d.from), severity: d.severity, source: d.code,
      message: d.message,
      actions: fix ? [{ name: fix.title, apply: v => applyFix(v, fix) }] : [],
    };
  });
  const applyFix = (v, fix) => v.dispatch({ changes: { from: fix.from, to: fix.to, insert: fix.insert }, userEvent: 'input.fix' });

  return {
    view,
    /** Show `file` with `text` (a new history: undo does not cross files). */
    setFile(name, text) {
      file = name;
      if (open.has(name)) analysis.update(name, text); else { analysis.open(name, text); open.add(name); }
      synced = text;
      view.setState(stateOf(text));
    },
    /** Replace the whole text (format, revert), as one undoable change. */
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    text: () => view.state.doc.toString(),
    /** Check the text now: the analysis' diagnostics (shown in the editor, returned with their quick
     * fixes), and fresh highlighting. Throws what the engine throws (app.js shows it). */
    check() {
      sync();
      const diags = JSON.parse(analysis.diagnostics(file));
      const fixes = JSON.parse(analysis.codeActions(file, 0, view.state.doc.length));
      const marks = tokenMarks(JSON.parse(analysis.tokens(file)), tokenKinds, view.state.doc.length);
      view.dispatch(setDiagnostics(view.state, lintOf(diags, fixes)), { effects: setTokens.of(marks) });
      return diags.map(d => ({ ...d, fix: fixes.find(f => f.code === d.code && f.from === d.from && f.to === d.to) || null }));
    },
    /** Apply a quick fix from check(). */
    fix(f) { applyFix(view, f); },
    /** Select `from..to`, scroll it into view and focus the editor. */
    select(from, to) {
      view.dispatch({ selection: { anchor: from, head: Math.max(from, to) }, scrollIntoView: true });
      view.focus();
    },
    setLang(l) {
      current = l;
      analysis.setLang(l);
      view.dispatch({ effects: language.reconfigure(phrases(l)) });
    },
  };
}
