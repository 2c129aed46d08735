// Two small operations on a WebAssembly binary's sections, for scripts/web-test.sh:
//
//   node web/wasm-sections.mjs features IN        prints the features listed in IN's `target_features`
//                                                 custom section (one "+name" a line; nothing if none)
//   node web/wasm-sections.mjs drop NAME IN OUT   writes IN to OUT without its custom sections named NAME
//   node web/wasm-sections.mjs order-names IN OUT writes IN to OUT with each function named by a sort key:
//                                                 its Rust path without the leading `<`, the ` as Trait>`
//                                                 and the hash (`yardstick::api::Check::serialize`)
//
// order-names is for binaryen's `--reorder-functions-by-name`, run after `-Oz`: functions of one module
// and one type then sit side by side, which gzip (a 32 KB window) compresses better. Measured on the
// engine: 311,940 -> 304,962 bytes gzip -9 (plain names: 305,885; by body content: 321,952). Only the
// order changes; the name section is dropped afterwards (`--strip-debug`).
//
// Why: Rust's precompiled standard library for wasm32-unknown-unknown is built with reference-types,
// multivalue, bulk-memory and nontrapping-fptoint, so the linked module's `target_features` section lists
// them even when our code is compiled for `-C target-cpu=mvp`; wasm-bindgen reads that section and then
// rewrites the module to use `externref` (which the wasm-bindgen crate, compiled without reference-types,
// cannot support). Dropping the section before wasm-bindgen keeps the module baseline; whether the final
// module really is baseline is then checked by binaryen (scripts/web-test.sh, "baseline WebAssembly").
import fs from 'node:fs';

/** The sections of a module: [{ id, name (custom sections), start, end }] (start..end: the whole section). */
export function sections(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly binary');
  const out = [];
  let o = 8;
  const leb = () => {
    let r = 0, s = 0, x;
    do { if (o >= bytes.length) throw new Error('truncated section header'); x = bytes[o++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return r;
  };
  while (o < bytes.length) {
    const start = o, id = bytes[o++], len = leb(), body = o, end = body + len;
    if (end > bytes.length) throw new Error(`section ${id} at ${start} runs past the end`);
    let name = null;
    if (id === 0) { const n = leb(); name = bytes.subarray(o, o + n).toString('utf8'); }
    out.push({ id, name, start, body, end });
    o = end;
  }
  return out;
}

export function dropCustom(bytes, name) {
  const keep = sections(bytes).filter(s => !(s.id === 0 && s.name === name));
  return Buffer.concat([bytes.subarray(0, 8), ...keep.map(s => bytes.subarray(s.start, s.end))]);
}

export function targetFeatures(bytes) {
  const s = sections(bytes).find(x => x.id === 0 && x.name === 'target_features');
  if (!s) return [];
  let o = s.body;
  const leb = () => { let r = 0, k = 0, x; do { x = bytes[o++]; r += (x & 0x7f) * 2 ** k; k += 7; } while (x & 0x80); return r; };
  const nameLen = leb();
  o += nameLen;   // past the section's name
  const n = leb(), list = [];
  for (let i = 0; i < n; i++) {
    const prefix = String.fromCharCode(bytes[o++]), len = leb();
    list.push(prefix + bytes.subarray(o, o + len).toString('utf8'));
    o += len;
  }
  return list;
}

/** The module with its function-name subsection rewritten to sort keys (other name subsections dropped). */
export function orderNames(bytes) {
  const secs = sections(bytes);
  let o;
  const leb = () => { let r = 0, k = 0, x; do { x = bytes[o++]; r += (x & 0x7f) * 2 ** k; k += 7; } while (x & 0x80); return r; };
  const enc = n => { const a = []; do { let x = n & 0x7f; n = Math.floor(n / 128); if (n) x |= 0x80; a.push(x); } while (n); return Buffer.from(a); };
  const ns = secs.find(x => x.id === 0 && x.name === 'name');
  if (!ns) throw new Error('the module has no name section to order by');
  const names = [];
  o = ns.body;
  o += leb();   // past the section's name
  while (o < ns.end) {
    const id = bytes[o++], len = leb(), end = o + len;
    if (id === 1) {
      const n = leb();
      for (let q = 0; q < n; q++) {
        const i = leb(), l = leb();
        names.push([i, bytes.subarray(o, o + l).toString('utf8')]);
        o += l;
      }
    }
    o = end;
  }
  const key = nm => nm.replace(/^<+/, '').replace(/ as [^>]*>/, '').replace(/::h[0-9a-f]{16}$/, '');
  // The index keeps the names distinct (and equal keys in their old order).
  const sub = Buffer.concat([enc(names.length), ...names.map(([i, nm]) => {
    const t = Buffer.from(`${key(nm)}_${String(i).padStart(7, '0')}`);
    return Buffer.concat([enc(i), enc(t.length), t]);
  })]);
  const payload = Buffer.concat([enc(4), Buffer.from('name'), Buffer.from([1]), enc(sub.length), sub]);
  const keep = secs.filter(x => !(x.id === 0 && x.name === 'name'));
  return Buffer.concat([bytes.subarray(0, 8), ...keep.map(x => bytes.subarray(x.start, x.end)),
    Buffer.from([0]), enc(payload.length), payload]);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'features' && args.length === 1) {
  for (const f of targetFeatures(fs.readFileSync(args[0]))) console.log(f);
} else if (cmd === 'drop' && args.length === 3) {
  fs.writeFileSync(args[2], dropCustom(fs.readFileSync(args[1]), args[0]));
} else if (cmd === 'order-names' && args.length === 2) {
  fs.writeFileSync(args[1], orderNames(fs.readFileSync(args[0])));
} else if (cmd !== undefined) {
  console.error('usage: node web/wasm-sections.mjs features IN | drop NAME IN OUT | order-names IN OUT');
  process.exit(2);
}
