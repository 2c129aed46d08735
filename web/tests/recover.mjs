// The engine recovers from a trap (web/src/engine.js), in Node, with real traps of the real engine, no mock:
//   1. memory exhausted: the test grows the instance's memory to the 4 GiB maximum, so the engine's next
//      allocation larger than what it had fails and Rust aborts (`WebAssembly.RuntimeError: unreachable`);
//      the raw module then traps on every such call (dead), the wrapper's next call is right again;
//   2. stack exhausted (stack-trap.mjs): calls from a JavaScript recursion walked down one depth at a time,
//      so the stack runs out at every point of a call (the recursion, the wrapper, the glue, the engine's
//      wasm frames, leaving their stack pointer and borrow flags wherever the overflow hit); after each,
//      the module must not be dead.
// After a trap: the error is a `YardstickError` with `kind`/`code` "trap", the next call gives the same
// bytes as before it (a compiled Standard is compiled again in the fresh instance), and the errors of the
// JSON contract never restart anything. The test reaches the instance by wrapping `WebAssembly.Instance`
// (only here, in the test process); the engine has no hook for it.
// Run from anywhere after web/dist is built. Prints `N passed, M failed` and the recovery times.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stackSweep } from './stack-trap.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const dist = path.join(web, 'dist');

let latest = null;   // the newest instance (only the newest: old ones must stay collectable)
let made = 0;
const Instance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args, newTarget) {
    const inst = Reflect.construct(target, args, newTarget);
    latest = inst;
    made++;
    return inst;
  },
});

// The author engine (author-engine.js: web/build.mjs writes it from engine.js, the same door over
// pkg-author), since the traps below come through its `check`, `format` and `examples`.
const engine = await import(pathToFileURL(path.join(dist, 'author-engine.js')).href);
const glue = await import(pathToFileURL(path.join(dist, 'pkg-author', 'yardstick_wasm.js')).href);
await engine.default({ module_or_path: fs.readFileSync(path.join(dist, 'pkg-author', 'yardstick_wasm_bg.wasm')) });

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
};
const attempt = (name, fn) => {
  try { fn(); } catch (e) { check(name, false, `${e && e.name}: ${e && e.message}`); }
};
const thrown = fn => { try { fn(); return null; } catch (e) { return e; } };
const MiB = 2 ** 20;

const libraryText = fs.readFileSync(path.join(dist, 'library.json'), 'utf8');
const assessment = fs.readFileSync(path.join(root, 'examples', 'assessments', 'city-vetoed-pre2014.json'), 'utf8');
const broken = 'standard x { version "1" input s: percent item i { s >= 90 } }';   // Y0203
const std = engine.compileLibrary(libraryText, 'cn.sanitary_city.national', 'pre-2014', null);
const before = {
  result: std.evaluate(assessment, true),
  summary: std.evaluate(assessment, false),
  schema: std.schema(),
  hash: std.hash,
  check: engine.check(broken),
  docs: engine.documents(libraryText),
};

/** The same answers as before any trap, through every kind of call. */
function sameAsBefore(label) {
  const now = {
    result: std.evaluate(assessment, true),
    summary: std.evaluate(assessment, false),
    schema: std.schema(),
    hash: std.hash,
    check: engine.check(broken),
    docs: engine.documents(libraryText),
  };
  const diff = Object.keys(before).filter(k => before[k] !== now[k]);
  check(`${label}: the next calls give the same bytes as before (evaluate with and without explain, schema, hash, check, documents)`,
    diff.length === 0, diff);
}

/** Grow the current instance's memory until it cannot grow: the engine's next large allocation fails. */
function exhaustMemory() {
  const mem = latest.exports.memory;
  for (let step = 65536; step >= 1;) {
    try { mem.grow(step); } catch { step >>= 1; }
  }
  return mem.buffer.byteLength;
}
const big = 'x'.repeat(64 * MiB);

// --------------------------------------------------------------------- the JSON contract passes through
attempt('contract errors', () => {
  const r0 = engine.engineStats().restarts;
  const bad = thrown(() => std.evaluate('{"inputs": {"satisfaction": "88%"}}', false));
  check('a bad answer is still a YardstickError of kind "assessment"',
    bad && bad.name === 'YardstickError' && bad.kind === 'assessment' && bad.inputs[0].input === 'satisfaction', bad && bad.kind);
  const prob = thrown(() => engine.compile(broken));
  check('a document with errors is still kind "problems", code Y0203', prob && prob.kind === 'problems' && prob.code === 'Y0203', prob && prob.code);
  const nf = thrown(() => engine.compileLibrary(libraryText, 'no.such', null, null));
  check('an unknown standard is still kind "not_found"', nf && nf.kind === 'not_found', nf && nf.kind);
  check('… and none of them restarts the engine', engine.engineStats().restarts === r0, engine.engineStats());
});

// --------------------------------------------------------------------- 1. memory exhausted: RuntimeError
let oom = null;
attempt('memory exhausted', () => {
  const old = latest;
  const bytes = exhaustMemory();
  check(`the instance's memory grown to its maximum (${bytes / MiB} MiB)`, bytes >= 2048 * MiB, bytes);
  // Without the wrapper the module stays broken: two raw calls, two traps.
  const raw1 = thrown(() => glue.check(big));
  const raw2 = thrown(() => glue.check(big));
  check('without the wrapper, the raw module traps (RuntimeError) and traps again on the next call',
    raw1 instanceof WebAssembly.RuntimeError && raw2 instanceof WebAssembly.RuntimeError, [String(raw1), String(raw2)]);
  const r0 = engine.engineStats().restarts;
  const t0 = performance.now();
  const e = thrown(() => engine.check(big));
  const trapMs = performance.now() - t0;
  check('through the wrapper the trap is a YardstickError with kind and code "trap"',
    e && e.name === 'YardstickError' && e.kind === 'trap' && e.code === 'trap' && Array.isArray(e.problems)
      && Array.isArray(e.inputs) && JSON.parse(e.data).code === 'trap', e && { name: e.name, kind: e.kind, code: e.code });
  check('… it keeps the engine\'s exception as its cause (RuntimeError: unreachable)',
    e && e.cause instanceof WebAssembly.RuntimeError && /unreachable/.test(e.message), e && e.message);
  check('… says it restarted, in zh and en', e && e.restarted === true && e.words.zh === '计算引擎出错，已重新启动'
    && e.words.en === 'The engine failed and was restarted', e && [e.restarted, e.words]);
  const s = engine.engineStats();
  check('… and a fresh instance replaced the broken one', s.restarts === r0 + 1 && latest !== old
    && latest.exports.memory.buffer.byteLength < 64 * MiB, { s, mem: latest.exports.memory.buffer.byteLength });
  const t1 = performance.now();
  const first = std.evaluate(assessment, true);
  const firstMs = performance.now() - t1;
  check('the compiled standard works at once in the fresh instance', first === before.result);
  sameAsBefore('after the memory trap');
  const again = engine.check(big);
  check('the input that trapped the full memory is an ordinary answer in the fresh one (Y0010)',
    JSON.parse(again)[0]?.code === 'Y0010', again.slice(0, 120));
  oom = { trapMs, restartMs: s.lastRestartMs, firstMs };
});

// --------------------------------------------------------------------- 2. stack exhausted around and in the engine
let stack = null;
attempt('stack exhausted', () => {
  const r0 = engine.engineStats().restarts;
  const so = stackSweep(() => std.evaluate(assessment, true));
  check(`stack overflows at ${so.failures} points around an engine call (${so.traps} inside it, ${so.inWasm} in its wasm frames): `
    + 'never a dead module, every later call right', so.wrong === 0 && so.failures > 0, so);
  if (so.sample) {
    check('… an overflow in the wasm frames is a YardstickError with code "trap", cause the RangeError',
      so.sample.name === 'YardstickError' && so.sample.code === 'trap' && so.sample.causeIsRangeError, so.sample);
  }
  stack = { ...so, restarts: engine.engineStats().restarts - r0 };
  sameAsBefore('after the stack overflows');
});

// --------------------------------------------------------------------- handles across restarts
attempt('handles', () => {
  engine.check('');   // a restart owed by the stack sweep happens here, before the memory is exhausted
  const h = engine.compile(fs.readFileSync(path.join(root, 'standards', 'school', 'hygiene-rating-seed.yard'), 'utf8'), 'hygiene.yard');
  const ex = h.examples();
  exhaustMemory();
  const e = thrown(() => engine.format(big));
  check('a trap in format() is a "trap" error too', e && e.code === 'trap', e && e.code);
  check('a standard compiled from text compiles again after the restart (same examples)', h.examples() === ex);
  h.free();
  check('free() after a restart, then use, says it was freed', /freed/.test(thrown(() => h.schema())?.message || ''));
  const h2 = engine.compile(fs.readFileSync(path.join(root, 'standards', 'school', 'hygiene-rating-seed.yard'), 'utf8'), 'hygiene.yard');
  exhaustMemory();
  thrown(() => engine.check(big));
  h2.free();   // its instance is gone: nothing to free, no error
  check('free() of a standard of a dropped instance is quiet', true);
});

// --------------------------------------------------------------------- many traps in a row
attempt('twenty traps in a row', () => {
  const times = [];
  let ok = 0;
  for (let i = 0; i < 20; i++) {
    exhaustMemory();
    const e = thrown(() => std.evaluate(big, false));
    const t0 = performance.now();
    const r = std.evaluate(assessment, true);
    times.push(performance.now() - t0);
    if (e?.code === 'trap' && e.restarted && r === before.result) ok++;
  }
  times.sort((a, b) => a - b);
  check(`20 traps in a row, each followed by the right result (median first call after a restart ${times[10].toFixed(1)} ms)`, ok === 20, ok);
});

const s = engine.engineStats();
console.log(`recovery: restart (new instance of the compiled module) ${oom ? oom.restartMs.toFixed(2) : '?'} ms; `
  + `the trapping call ${oom ? oom.trapMs.toFixed(1) : '?'} ms in all; the first evaluation after it, compiling the standard again, `
  + `${oom ? oom.firstMs.toFixed(1) : '?'} ms; stack sweep: ${stack ? `${stack.failures} overflows, ${stack.traps} in the call, ${stack.inWasm} in wasm frames, ${stack.restarts} restarts` : '?'}; `
  + `${s.restarts} restarts, ${made} instances in this run`);
console.log(`recover: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
