// yardstick-standards in Node (≥ 18): the .wasm is read from the package's own file, never fetched.
// `Yardstick.load({ wasm })` also takes a path or a `file:` URL (read from disk), an `http(s):` URL
// (fetched), bytes, or a `WebAssembly.Module`.
import { readFile } from 'node:fs/promises';
import { setWasmResolver } from './core.js';

setWasmResolver(async src => {
  if (src === undefined) return readFile(new URL('./pkg/yardstick_wasm_bg.wasm', import.meta.url));
  if (typeof src === 'string' && !/^https?:/i.test(src)) return readFile(src.startsWith('file:') ? new URL(src) : src);
  if (src instanceof URL && src.protocol === 'file:') return readFile(src);
  return src;
});

export * from './core.js';
