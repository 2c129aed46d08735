// Same answers everywhere: loads the built engine (web/dist/pkg, through web/dist/engine.js as the page
// does) in Node and compares it with the native CLI, byte for byte after removing the CLI's
// pretty-printing whitespace (numbers keep their written decimals on both sides, so no float round trip
// hides a difference):
//   1. every assessment (examples/assessments/*.json, and any tests/corpus/**/*.json assessment) against
//      the bundled library (web/dist/library.json), explain on, with `yardstick eval FILE --format json
//      --explain`;
//   2. every example block of every shipped standard through the wasm `examples()`: all must pass, and
//      the count must equal `yardstick test standards/`;
//   3. the diagnostics of every document of tests/corpus/invalid through `checkInLibrary` against
//      `yardstick check FILE --format json`.
// Needs YARDSTICK_BIN (the native CLI); run from anywhere. Prints `N passed, M failed`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const pkg = path.join(web, 'dist', 'pkg');
const bin = process.env.YARDSTICK_BIN || path.join(root, 'target', 'debug', 'yardstick');

// Through web/src/engine.js, as the page calls it (it hands the glue's results through untouched).
const wasm = await import(path.join(web, 'dist', 'engine.js'));
await wasm.default({ module_or_path: fs.readFileSync(path.join(pkg, 'yardstick_wasm_bg.wasm')) });
// Examples and diagnostics through the author engine (author mode's, and the npm package's).
const author = await import(path.join(web, 'dist', 'author-engine.js'));
await author.default({ module_or_path: fs.readFileSync(path.join(web, 'dist', 'pkg-author', 'yardstick_wasm_bg.wasm')) });

const libraryText = fs.readFileSync(path.join(web, 'dist', 'library.json'), 'utf8');
const library = JSON.parse(libraryText);

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
};

/** JSON text without insignificant whitespace; strings and number tokens kept exactly. */
function minify(text) {
  let out = '', inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      out += c;
      if (c === '\\') { out += text[++i]; } else if (c === '"') inStr = false;
    } else if (c === '"') { inStr = true; out += c; }
    else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
  }
  return out;
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at byte ${i}: native …${a.slice(Math.max(0, i - 60), i + 60)}… wasm …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}

function cli(args) {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r;
}

// ---------------------------------------------------------------------------------------- 1. eval
const assessments = [];
for (const f of fs.readdirSync(path.join(root, 'examples', 'assessments')).sort()) {
  if (f.endsWith('.json')) assessments.push(path.join('examples', 'assessments', f));
}
const walk = (dir, out) => {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else out.push(p);
  }
};
const corpus = [];
walk(path.join(root, 'tests', 'corpus'), corpus);
for (const f of corpus.filter(f => f.endsWith('.json'))) {
  try {
    const v = JSON.parse(fs.readFileSync(f, 'utf8'));
    if (v && typeof v.standard === 'string' && v.inputs && typeof v.inputs === 'object') {
      assessments.push(path.relative(root, f));
    }
  } catch { /* not an assessment */ }
}

const handles = new Map();
for (const file of assessments) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const native = cli(['eval', file, '--format', 'json', '--explain']);
  let handle = null, mine = null, err = null;
  try {
    const a = JSON.parse(text);
    const key = JSON.stringify([a.standard, a.version ?? null, a.as_of ?? null]);
    if (!handles.has(key)) {
      handles.set(key, wasm.compileLibrary(libraryText, a.standard, a.version ?? null, a.as_of ?? null));
    }
    handle = handles.get(key);
    mine = handle.evaluate(text, true);
  } catch (e) { err = e; }
  if (native.status !== 0) {
    check(`eval ${file}: both reject it`, err !== null,
      `native exit ${native.status}: ${native.stderr.trim()}; wasm gave a result`);
    continue;
  }
  if (err) { check(`eval ${file}`, false, `wasm threw ${err.name} ${err.kind}: ${err.message}`); continue; }
  const a = minify(native.stdout.trim());
  check(`eval ${file} --explain (${a.length} bytes): byte-identical`, a === mine, a === mine ? '' : firstDifference(a, mine));
  check(`eval ${file} --explain: canonical JSON equal`,
    JSON.stringify(JSON.parse(native.stdout)) === JSON.stringify(JSON.parse(mine)));
  const summary = minify(cli(['eval', file, '--format', 'json']).stdout.trim());
  const mineSummary = handle.evaluate(text, false);
  check(`eval ${file} (summary form): byte-identical`, summary === mineSummary,
    summary === mineSummary ? '' : firstDifference(summary, mineSummary));
}

// ------------------------------------------------------------------------------------ 2. examples
const docs = JSON.parse(wasm.documents(libraryText));
let examplesRun = 0;
for (const d of docs) {
  let h;
  try { h = author.compileFile(libraryText, d.file); }
  catch (e) { check(`compile ${d.file}`, false, `${e.kind} ${e.code}: ${e.message}`); continue; }
  const results = JSON.parse(h.examples());
  examplesRun += results.length;
  for (const r of results) {
    check(`example ${d.id} @ ${d.version}: ${r.name}`, r.passed,
      r.failures.map(m => `${m.what}: expected ${m.expected}, got ${m.actual} (${m.at})`).join('; '));
  }
  h.free();
}
const nativeTest = cli(['test', 'standards/']);
const m = nativeTest.stdout.match(/(\d+) passed, (\d+) failed/);
check(`examples: wasm ran ${examplesRun}, native \`yardstick test\` ran ${m ? +m[1] + +m[2] : '?'}`,
  m && examplesRun === +m[1] + +m[2]);

// ------------------------------------------------------------------------------- 3. diagnostics
const invalid = corpus.filter(f => f.endsWith('.yard')).map(f => path.relative(root, f));
let diagSame = 0;
const diagDiff = [];
for (const file of invalid) {
  const native = cli(['check', file, '--format', 'json']);
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const lib = JSON.stringify([...library.filter(d => d.name !== file), { name: file, text }]);
  const mine = author.checkInLibrary(lib, file);
  const a = minify(native.stdout.trim());
  if (a === mine) diagSame++; else diagDiff.push(`${file}: ${firstDifference(a, mine)}`);
}
if (invalid.length) {
  check(`diagnostics of ${invalid.length} corpus documents: ${diagSame} byte-identical`,
    diagDiff.length === 0, diagDiff.slice(0, 3).join('\n     '));
}

// Errors cross as data.
try {
  [...handles.values()][0].evaluate('{"inputs": {"satisfaction": "88%"}}', false);
  check('a bad answer throws a YardstickError', false, 'no throw');
} catch (e) {
  check('a bad answer throws a YardstickError with the input named',
    e instanceof Error && e.name === 'YardstickError' && e.kind === 'assessment'
      && e.inputs[0].input === 'satisfaction' && JSON.parse(e.data).inputs.length === 1,
    `${e.name} ${e.kind} ${JSON.stringify(e.inputs)}`);
}

console.log(`parity: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
