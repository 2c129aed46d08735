// Appended by web/build.mjs to author-engine.js (engine.js over the author engine), and only there: the
// calculator's engine.js stays as small as it was. It shares that module's scope (`call`, `generation`,
// `live`, `glue`, `authorOnly`).
/**
 * The editor's analysis (the author engine's class `Analysis`: diagnostics, quick fixes, hover,
 * completion, tokens; UTF-16 offsets, JSON text out), valid across restarts: it keeps the library, the
 * language and the last text each document was given, and opens them again in a fresh instance.
 */
export class Analysis {
  #library; #lang; #docs = new Map(); #raw = null; #gen = -1;
  constructor(library, lang) {
    authorOnly('Analysis');
    this.#library = library;
    this.#lang = lang;
    call(() => this.#current());
  }
  #current() {
    if (this.#gen !== generation) {
      const raw = new glue.Analysis(this.#library, this.#lang);
      for (const [f, t] of this.#docs) raw.open(f, t);
      live.add(raw);   // detached, not freed, when its instance is dropped
      this.#raw = raw;
      this.#gen = generation;
    }
    return this.#raw;
  }
  open(file, text) { call(() => this.#current().open(file, text)); this.#docs.set(file, text); }
  update(file, text) { call(() => this.#current().update(file, text)); this.#docs.set(file, text); }
  setLang(lang) { this.#lang = lang; call(() => this.#current().setLang(lang)); }
  diagnostics(file) { return call(() => this.#current().diagnostics(file)); }
  codeActions(file, from, to) { return call(() => this.#current().codeActions(file, from, to)); }
  hover(file, offset) { return call(() => this.#current().hover(file, offset)); }
  completion(file, offset) { return call(() => this.#current().completion(file, offset)); }
  tokens(file) { return call(() => this.#current().tokens(file)); }
  static tokenKinds() { authorOnly('Analysis'); return call(() => glue.Analysis.tokenKinds()); }
}
