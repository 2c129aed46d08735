// The conformance corpus (conformance/README.md) through the WASM build in Node, as the page loads it
// (web/dist/engine.js): every case's document compiled with `compile`, its assessment evaluated, the
// normative part of the result compared with conformance/expected (numbers as exact decimals, read from
// the JSON text without floating point); and the whole result byte-identical to the native CLI's
// (`yardstick eval CASE --standard DOC --format json`, whitespace removed).
// Needs YARDSTICK_BIN (the native CLI). Prints `N passed, M failed`.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const conformance = path.join(root, 'conformance');
const bin = process.env.YARDSTICK_BIN || path.join(root, 'target', 'debug', 'yardstick');
const wasm = await import(path.join(web, 'dist', 'engine.js'));
await wasm.default({ module_or_path: fs.readFileSync(path.join(web, 'dist', 'pkg', 'yardstick_wasm_bg.wasm')) });

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) passed++; else { failed++; console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
};

/** JSON with every number kept as its text: `{ $n: "17.60" }`. */
function parse(text) {
  let i = 0;
  const ws = () => { while (' \t\n\r'.includes(text[i])) i++; };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; const o = {}; ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) { ws(); const k = value(); ws(); i++; o[k] = value(); ws(); if (text[i++] === '}') return o; }
    }
    if (c === '[') {
      i++; const a = []; ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) { a.push(value()); ws(); if (text[i++] === ']') return a; }
    }
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = JSON.parse(text.slice(i, j + 1)); i = j + 1; return s;
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?|^true|^false|^null/.exec(text.slice(i));
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return { $n: m[0] };
  };
  return value();
}

/** A decimal's canonical text: no exponent in the corpus; trailing zeros and `-0` normalised. */
function decimal(t) {
  let [int, frac = ''] = t.replace(/^-/, '').split('.');
  frac = frac.replace(/0+$/, '');
  int = int.replace(/^0+(?=\d)/, '');
  const s = frac ? `${int}.${frac}` : int;
  return t.startsWith('-') && s !== '0' ? `-${s}` : s;
}

function same(a, b) {
  if (a && typeof a === 'object' && '$n' in a) return !!b && typeof b === 'object' && '$n' in b && decimal(a.$n) === decimal(b.$n);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, k) => same(x, b[k]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every(k => k in b && same(a[k], b[k]));
  }
  return a === b;
}

const pick = (o, keys) => Object.fromEntries(keys.map(k => [k, o[k] ?? null]));
/** The normative part of a result, as conformance/runner.rs `project`. */
function project(r) {
  const p = pick(r, ['contract', 'outcome', 'grade', 'vetoed_by', 'failing', 'outputs', 'missing']);
  p.items = r.items.map(i => { const x = pick(i, ['id', 'kind', 'outcome']); if (i.path) x.path = i.path; return x; });
  p.partial = r.partial === null ? null : pick(r.partial, ['best', 'worst', 'complete', 'outputs', 'ask_next']);
  p.fixes = r.fixes.map(f => pick(f, ['item', 'input', 'from', 'to', 'reaches']));
  p.fixes_complete = r.fixes_complete;
  p.errors = r.errors.map(e => pick(e, ['def', 'code']));
  return p;
}

function minify(text) {
  let out = '', inStr = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (inStr) { out += c; if (c === '\\') out += text[++k]; else if (c === '"') inStr = false; }
    else if (c === '"') { inStr = true; out += c; }
    else if (!' \n\r\t'.includes(c)) out += c;
  }
  return out;
}

const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'yardstick-conformance-'));
let cases = 0;
for (const group of fs.readdirSync(path.join(conformance, 'cases')).sort()) {
  const dir = path.join(conformance, 'cases', group);
  for (const file of fs.readdirSync(dir).sort()) {
    const m = /^([^.]+)\.([^.]+)\.json$/.exec(file);
    if (!m) continue;
    cases++;
    const name = `${group}/${m[1]}.${m[2]}`;
    const docPath = path.join(dir, `${m[1]}.yard`);
    const assessment = fs.readFileSync(path.join(dir, file), 'utf8');
    let mine;
    try {
      mine = wasm.compile(fs.readFileSync(docPath, 'utf8'), `${m[1]}.yard`).evaluate(assessment, false);
    } catch (e) { check(name, false, `wasm threw ${e.kind} ${e.code}: ${e.message}`); continue; }
    const expected = parse(fs.readFileSync(path.join(conformance, 'expected', group, file), 'utf8'));
    const got = project(parse(mine));
    check(`${name}: the expected result`, same(expected, got),
      `expected ${JSON.stringify(expected)}\n     found ${JSON.stringify(got)}`);
    const native = spawnSync(bin, ['eval', path.join(dir, file), '--standard', docPath, '--standards', empty, '--format', 'json'],
      { cwd: root, encoding: 'utf8' });
    // The CLI names the document by the path it was given; the wasm build by the name it was given.
    const nativeText = minify(native.stdout.trim()).split(JSON.stringify(docPath).slice(1, -1)).join(`${m[1]}.yard`);
    check(`${name}: byte-identical to the CLI`, nativeText === mine,
      `native ${nativeText.slice(0, 200)}…\n     wasm   ${mine.slice(0, 200)}…`);
  }
}
fs.rmSync(empty, { recursive: true, force: true });
console.log(`conformance (${cases} cases, WASM): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
