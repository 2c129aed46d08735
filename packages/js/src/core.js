// yardstick-standards: the API over the engine, the same in browsers and in Node (the entry points,
// index.js and node.js, differ only in how they find the .wasm by default).
//
// Every call goes through ./engine.js (the calculator's web/src/engine.js, copied at build time): after a
// trap of the engine (a panic, an exhausted stack or memory) it starts a fresh instance, and standards
// compiled before stay usable; the trap is thrown as a YardstickError with `kind` and `code` "trap".
import init, * as engine from './engine.js';
import { Exact, isNumber, parse, stringify } from './numbers.js';

export { Exact, isNumber, parse, stringify };

/** What every method throws for a problem of its input: the engine's `ErrorReport` (docs/json.md §10) as
 * properties: `kind`, `code` (a stable code, e.g. `Y0801`), `en`, `zh`, `problems`, `inputs`. */
export class YardstickError extends Error {
  constructor(report, options) {
    super(report.en ?? report.message ?? String(report.code), options);
    this.name = 'YardstickError';
    this.kind = report.kind;
    this.code = report.code;
    this.en = report.en ?? this.message;
    this.zh = report.zh ?? this.message;
    this.problems = report.problems ?? [];
    this.inputs = report.inputs ?? [];
    if (report.restarted !== undefined) this.restarted = report.restarted;
  }
}

/** The engine's errors as YardstickErrors; anything else (a bug in this package) passes through. */
function call(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && e.name === 'YardstickError' && typeof e.kind === 'string') {
      throw new YardstickError(e, { cause: e });
    }
    throw e;
  }
}

const text = x => (typeof x === 'string' ? x : stringify(x));

/** Parse a result's JSON text: numbers exact (`numbers: "exact"`, the default; see numbers.js) or plain
 * floats (`numbers: "float"`, which may round: 17.60 becomes 17.6). */
function read(json, numbers = 'exact') {
  if (numbers === 'exact') return parse(json);
  if (numbers === 'float') return JSON.parse(json);
  throw new TypeError(`numbers must be "exact" or "float", not ${JSON.stringify(numbers)}`);
}

/** A compiled standard: compile once, evaluate any number of assessments. */
export class Standard {
  #raw;
  constructor(raw) { this.#raw = raw; }
  /** e.g. `cn.sanitary_city.national` */
  get id() { return call(() => this.#raw.id); }
  /** e.g. `2021` */
  get version() { return call(() => this.#raw.version); }
  /** SHA-256 (hex) of the texts of every document that went into it. */
  get hash() { return call(() => this.#raw.hash); }

  /** Evaluate an assessment (an object, or its JSON text) to the typed result (`Evaluation`). */
  evaluate(assessment, { explain = false, numbers = 'exact' } = {}) {
    return read(this.evaluateText(assessment, { explain }), numbers);
  }
  /** The same, as the engine's JSON text (docs/json.md §2), for storing or your own parser. */
  evaluateText(assessment, { explain = false } = {}) {
    const a = text(assessment);
    return call(() => this.#raw.evaluate(a, explain));
  }
  /** The form of its inputs (`Form`: sections, inputs, types, ranges, labels). */
  schema({ numbers = 'exact' } = {}) { return read(call(() => this.#raw.schema()), numbers); }
  /** Run its `example` blocks (`ExampleResult[]`). */
  examples() { return parse(call(() => this.#raw.examples())); }
  /** Warnings found while compiling (`Problem[]`). */
  warnings() { return parse(call(() => this.#raw.warnings())); }
  /** Free its memory in the engine now (optional: a collected Standard frees itself). */
  free() { this.#raw.free(); }
}
if (Symbol.dispose) Standard.prototype[Symbol.dispose] = Standard.prototype.free;

let loading = null;
let resolveWasm = src => src;

/** For the entry points: turn `options.wasm` (undefined: the shipped file) into what engine.js loads (a
 * URL it fetches, bytes or a module). Node reads files itself; a browser leaves it to engine.js. */
export function setWasmResolver(fn) { resolveWasm = fn; }

const loadToken = Symbol('load');

/** The engine, loaded once per JavaScript realm. */
export class Yardstick {
  constructor(token) {
    if (token !== loadToken) throw new TypeError('use `await Yardstick.load()`');
  }

  /**
   * Load the engine (once: later calls return the same instance and ignore `options`).
   * `options.wasm`: the engine's .wasm as a URL or path, its bytes, or a compiled `WebAssembly.Module`;
   * by default the file shipped beside this module (read from disk in Node, fetched in a browser).
   */
  static load(options = {}) {
    loading ??= (async () => {
      const src = await resolveWasm(options.wasm);
      await init(src === undefined ? {} : { module_or_path: src });
      return new Yardstick(loadToken);
    })();
    loading.catch(() => { loading = null; });
    return loading;
  }

  /** Compile one self-contained document; `name` (default `document.yard`) is shown in problems. */
  compile(source, name) {
    return new Standard(call(() => engine.compile(source, name)));
  }
  /**
   * Compile standard `id` from a library (`LibraryDocument[]`, e.g. the default export of
   * `yardstick-standards/standards`, or its JSON text): `version` if given, else the non-draft version
   * in force on `asOf` (`YYYY-MM-DD`), else the only version.
   */
  compileLibrary(docs, id, version, asOf) {
    const lib = text(docs);
    return new Standard(call(() => engine.compileLibrary(lib, id, version ?? undefined, asOf ?? undefined)));
  }
  /** Compile the document named `file` of a library (for an editor). */
  compileFile(docs, file) {
    const lib = text(docs);
    return new Standard(call(() => engine.compileFile(lib, file)));
  }
  /** The documents of a library (`DocumentInfo[]`). */
  documents(docs) { return parse(call(() => engine.documents(text(docs)))); }
  /** Check one document alone (`Problem[]`; `[]`: clean). */
  check(source, name) { return parse(call(() => engine.check(source, name))); }
  /** Check the document `file` of a library, so `use` and `extends` resolve (`Problem[]`). */
  checkInLibrary(docs, file) { return parse(call(() => engine.checkInLibrary(text(docs), file))); }
  /** Rewrite a document in the canonical layout (`FormatResult`). */
  format(source) { return parse(call(() => engine.format(source))); }
  /** Compile `source` (or library standard `id`) and give its form: a shortcut for `.schema()`. */
  schema(source, name) {
    const s = this.compile(source, name);
    try { return s.schema(); } finally { s.free(); }
  }
}
