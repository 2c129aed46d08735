// The engine behind one door. Every call from the page to the WASM module goes through here, so a trap in
// the engine never leaves the page with a dead module.
//
// The wasm profile aborts on a Rust panic (`panic = "abort"`), and a stack overflow or an exhausted memory
// aborts too: either way JavaScript sees an exception that is not the module's own `YardstickError`
// (a `WebAssembly.RuntimeError`, or a `RangeError` when the browser's stack runs out inside the engine).
// The instance is then unusable (its stack pointer, allocator and borrow flags are wherever the abort left
// them), so this module:
//   1. keeps the compiled `WebAssembly.Module`, so a restart is only a new `WebAssembly.Instance` of it;
//   2. on such an exception, drops the instance and instantiates a fresh one (through the glue's `initSync`,
//      after `__yardstick_forget_instance`, which scripts/web-test.sh appends to the wasm-bindgen glue);
//   3. throws a `YardstickError` with `kind` and `code` `"trap"` (docs/json.md, "The WASM module");
//   4. keeps every `Standard` it handed out usable: each remembers how it was compiled and compiles itself
//      again in the fresh instance on its next use (compiling is deterministic, so it is the same standard).
// The `YardstickError`s of the JSON contract (problems, a bad assessment, …) pass through untouched.
//
// Same exports as the glue (`./pkg/yardstick_wasm.js`; web/build.mjs writes author-engine.js, the same over
// the author engine `./pkg-author/`), same arguments and results; `init` takes what the
// glue's `init` takes (`{ module_or_path }`: a URL, bytes or a `WebAssembly.Module`; default: the .wasm
// beside the glue).
import * as glue from './pkg/yardstick_wasm.js';

/** The code of an engine failure, also its `kind`. */
export const TRAP = 'trap';

/** What the page says after a restart. */
export const TRAP_WORDS = {
  zh: '计算引擎出错，已重新启动',
  en: 'The engine failed and was restarted',
};

let compiled = null;        // the WebAssembly.Module: kept, so a restart does not compile again
let generation = 0;         // one per instance; a Standard compiled in an older one compiles again
let pending = false;        // a restart is owed (the last one could not run where the trap was caught)
const live = new Set();     // raw glue handles of the current instance, held until freed or dropped
const stats = { restarts: 0, lastRestartMs: null, instantiations: 0 };

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

// A wrapper that is garbage-collected frees its raw handle, if the handle still belongs to the instance.
const unused = typeof FinalizationRegistry === 'undefined' ? null : new FinalizationRegistry(held => {
  if (held.gen !== generation || !live.delete(held.raw)) return;
  try { held.raw.free(); } catch (e) { if (!isContractError(e)) pending = true; }
});

function isContractError(e) {
  return e instanceof Error && e.name === 'YardstickError' && typeof e.kind === 'string';
}

function instantiate() {
  glue.initSync({ module: compiled });
  generation++;
  stats.instantiations++;
}

/** Drop the current instance and make a fresh one. Throws only if instantiating fails. */
function restart() {
  const t0 = now();
  pending = true;
  // The raw handles point into the old memory: detach them without calling into it, so neither they nor
  // the glue's finalizer ever free a pointer of the old instance in the new one.
  for (const raw of live) { try { raw.__destroy_into_raw(); } catch { /* already detached */ } }
  live.clear();
  glue.__yardstick_forget_instance();
  instantiate();
  pending = false;
  stats.restarts++;
  stats.lastRestartMs = now() - t0;
}

/** The error for an exception that came out of the engine instead of a result. */
function trapError(cause, restarted) {
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  const data = {
    kind: TRAP,
    code: TRAP,
    message: `the engine failed and was restarted (${detail})`,
    help: 'your answers and the standard are kept; if the same input fails again, it is a bug in Yardstick: please report it with that input',
    problems: [],
    inputs: [],
  };
  const err = new Error(data.message, { cause });
  err.name = 'YardstickError';
  Object.assign(err, data, { data: JSON.stringify(data), restarted, words: TRAP_WORDS });
  return err;
}

/** Run `fn` against the engine; on a trap, restart and throw the `trap` error. */
function call(fn) {
  if (compiled === null) throw new Error('the engine is not loaded: call init() first');
  try {
    if (pending) restart();
    return fn();
  } catch (e) {
    if (isContractError(e)) throw e;
    pending = true;
    let restarted = false;
    // Restart at once. Where the trap was a stack overflow the stack may still be too full to do it here;
    // then the next call restarts first.
    try { restart(); restarted = true; } catch { /* owed: `pending` stays set */ }
    throw trapError(e, restarted);
  }
}

/**
 * A compiled standard (as the glue's `Standard`), valid across restarts: `how` compiles it again in a
 * fresh instance.
 */
export class Standard {
  #how;
  #raw;
  #gen;
  #freed = false;
  #held;

  constructor(how, raw) {
    this.#how = how;
    this.#adopt(raw);
  }

  #adopt(raw) {
    this.#raw = raw;
    this.#gen = generation;
    live.add(raw);
    if (this.#held) unused?.unregister(this);
    this.#held = { raw, gen: generation };
    unused?.register(this, this.#held, this);
  }

  /** The raw handle in the current instance, compiled again if the instance is newer than it. */
  #current() {
    if (this.#freed) throw new Error('this Standard was freed');
    if (this.#gen !== generation) this.#adopt(this.#how());
    return this.#raw;
  }

  get id() { return call(() => this.#current().id); }
  get version() { return call(() => this.#current().version); }
  get hash() { return call(() => this.#current().hash); }
  evaluate(assessment, explain) { return call(() => this.#current().evaluate(assessment, explain)); }
  schema() { return call(() => this.#current().schema()); }
  examples() {
    authorOnly('examples', glue.Standard.prototype.examples);
    return call(() => this.#current().examples());
  }
  warnings() { return call(() => this.#current().warnings()); }

  /** Free the standard's memory in the engine (optional: a collected Standard frees itself). */
  free() {
    if (this.#freed) return;
    this.#freed = true;
    unused?.unregister(this);
    const raw = this.#raw;
    if (this.#gen !== generation || !live.delete(raw)) return;   // its instance is gone already
    call(() => raw.free());
  }
}

if (Symbol.dispose) Standard.prototype[Symbol.dispose] = Standard.prototype.free;

function standard(how) {
  return call(() => new Standard(how, how()));
}

/** Load the engine: compile the module once and instantiate it. */
export default async function init(options = {}) {
  const src = options.module_or_path ?? new URL('./pkg/yardstick_wasm_bg.wasm', import.meta.url);
  let module;
  if (src instanceof WebAssembly.Module) module = src;
  else if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) module = await WebAssembly.compile(src);
  else {
    const res = await fetch(src);
    if (!res.ok) throw new Error(`could not load the engine: ${res.status} ${res.statusText} (${res.url})`);
    module = null;
    if (typeof WebAssembly.compileStreaming === 'function') {
      try { module = await WebAssembly.compileStreaming(res.clone()); } catch { /* not served as application/wasm */ }
    }
    module ??= await WebAssembly.compile(await res.arrayBuffer());
  }
  compiled = module;
  if (stats.instantiations === 0) instantiate();
  else restart();
}

/** Restarts so far and the time of the last one (ms), for tests and the page's diagnostics. */
export function engineStats() {
  return { ...stats, generation };
}

export function compile(text, name) {
  return standard(() => glue.compile(text, name));
}
export function compileLibrary(library, id, version, asOf) {
  return standard(() => glue.compileLibrary(library, id, version, asOf));
}
export function compileFile(library, file) {
  return standard(() => glue.compileFile(library, file));
}
export function documents(library) { return call(() => glue.documents(library)); }

// The author engine's own exports (web/dist/author-engine.js, over pkg-author: scripts/web-test.sh builds
// the calculator's engine without them, to keep it small). Asked of the calculator's engine, a plain error
// says where they are, before the call (a missing function is not a trap).
function authorOnly(name, what = glue[name]) {
  if (typeof what !== 'function') throw new Error(`${name} is in the author engine only (author-engine.js)`);
}
export function check(text, name) { authorOnly('check'); return call(() => glue.check(text, name)); }
export function checkInLibrary(library, file) {
  authorOnly('checkInLibrary');
  return call(() => glue.checkInLibrary(library, file));
}
export function format(text) { authorOnly('format'); return call(() => glue.format(text)); }
