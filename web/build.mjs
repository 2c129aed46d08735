// Builds the static site in web/dist (after scripts/web-test.sh has put the engines in web/dist/pkg and pkg-author):
//   1. copies web/src (web/dist is emptied first, but for the engines), writes author-engine.js (engine.js
//      over pkg-author), bundles author mode's code editor (web/editor/author-editor.js with CodeMirror 6,
//      esbuild, minified) into author-editor.js, draws the icons (icons.mjs),
//      and bundles every standards/**/*.yard into dist/library.json as [{name, text}]. Names are the paths
//      from the repository root ("standards/cn/…"), sorted by path component, exactly as `yardstick eval`
//      loads them, so spans and hashes in results match the CLI's byte for byte;
//   2. writes into dist/sw.js the build's version (a SHA-256 over every file the page uses, so any change
//      makes a new cache and retires the old one) and the list of those files with their integrity hashes;
//   3. writes a .gz (gzip -9) and a .br (brotli 11) beside every text and .wasm file, for servers that send
//      them by Accept-Encoding (web/serve.mjs does), when smaller than the file.
// Prints the size of each file, raw, gzip and brotli, and the totals.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { writeSources } from './sources.mjs';
import { icons } from './icons.mjs';
import * as esbuild from 'esbuild';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(web, '..');
const dist = path.join(web, 'dist');

/** What web/serve.mjs and the service worker may send compressed. */
export const COMPRESSIBLE = ['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.webmanifest', '.svg', '.ts', '.txt'];

export function libraryDocs(standardsDir = path.join(root, 'standards')) {
  const files = [];
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yard')) files.push(path.relative(root, p).split(path.sep));
    }
  };
  walk(standardsDir);
  // Rust's PathBuf order: component by component, each compared as bytes.
  const cmp = (a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = Buffer.from(a[i]), y = Buffer.from(b[i]);
      const c = Buffer.compare(x, y);
      if (c) return c;
    }
    return a.length - b.length;
  };
  files.sort(cmp);
  return files.map(parts => ({
    name: parts.join('/'),
    text: fs.readFileSync(path.join(root, ...parts), 'utf8'),
  }));
}

/** Every file under `dir`, as '/'-separated paths relative to it, sorted. */
function listFiles(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out.sort();
}

/** The files the service worker stores: all of the site but itself, the precompressed copies, the TypeScript
 * declarations and dot-files (the build stamp). */
export const precached = file => file !== 'sw.js' && !/\.(gz|br)$/.test(file) && !file.endsWith('.d.ts')
  && !file.split('/').some(part => part.startsWith('.'));

/** Of those, the ones the worker stores only when first asked for (with the same integrity check): the
 * author engine and author mode's code editor, which only author mode loads, so a first visit does not
 * download them. */
export const lazy = file => file === 'author-engine.js' || file === 'author-editor.js' || file.startsWith('pkg-author/');

/** Author mode's code editor: web/editor/author-editor.js and the CodeMirror packages it imports
 * (web/package-lock.json), bundled into one ES module. */
export function bundleEditor(outfile) {
  const r = esbuild.buildSync({
    entryPoints: [path.join(web, 'editor', 'author-editor.js')], outfile, bundle: true, format: 'esm',
    minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning', charset: 'utf8',
    banner: { js: '// Author mode\'s editor (web/editor/author-editor.js), with CodeMirror 6 (MIT licence, Marijn Haverbeke and others).' },
  });
  if (r.errors.length) throw new Error('esbuild: ' + JSON.stringify(r.errors));
}

export const SW_BUILD_LINE = /^const BUILD = \{ version: 'dev', assets: \[\], lazy: \[\] \};$/m;

/** The engines scripts/web-test.sh builds into web/dist: the calculator's, and the author engine. */
export const ENGINES = ['pkg', 'pkg-author'];

/** engine.js over the author engine (web/dist/pkg-author): the same door, its own instance and restarts,
 * and `extra` (web/editor/analysis-door.js: the class Analysis, which only the author engine has) after it. */
export function authorEngine(text, extra = '') {
  const from = ["'./pkg/yardstick_wasm.js'", "'./pkg/yardstick_wasm_bg.wasm'"];
  for (const f of from) {
    if (text.split(f).length !== 2) throw new Error(`web/src/engine.js should name ${f} exactly once`);
  }
  const out = from.reduce((t, f) => t.replace(f, f.replace('./pkg/', './pkg-author/')), text);
  return '// Made by web/build.mjs from engine.js: the same, over the author engine (./pkg-author).\n' + out + (extra ? '\n' + extra : '');
}

function build() {
  for (const p of ENGINES) {
    if (!fs.existsSync(path.join(dist, p))) throw new Error(`${dist}/${p} is missing: run scripts/web-test.sh --build-only`);
  }
  for (const e of fs.readdirSync(dist)) {
    if (!ENGINES.some(p => e === p || e === p + '.new')) fs.rmSync(path.join(dist, e), { recursive: true, force: true });
  }
  for (const p of ENGINES) {
    for (const f of listFiles(path.join(dist, p))) {
      if (/\.(gz|br)$/.test(f)) fs.rmSync(path.join(dist, p, f));
    }
  }
  const src = fs.readdirSync(path.join(web, 'src'));
  for (const f of src) fs.copyFileSync(path.join(web, 'src', f), path.join(dist, f));
  fs.writeFileSync(path.join(dist, 'author-engine.js'), authorEngine(fs.readFileSync(path.join(web, 'src', 'engine.js'), 'utf8'),
    fs.readFileSync(path.join(web, 'editor', 'analysis-door.js'), 'utf8')));
  bundleEditor(path.join(dist, 'author-editor.js'));
  const drawn = icons();
  for (const { file, bytes } of drawn) fs.writeFileSync(path.join(dist, file), bytes);
  const docs = libraryDocs();
  fs.writeFileSync(path.join(dist, 'library.json'), JSON.stringify(docs));
  writeSources(dist);   // sources.html, sources.en.html
  console.log(`${dist}: ${src.join(', ')}, author-editor.js, ${drawn.map(i => i.file).join(', ')}, library.json (${docs.length} documents: ${docs.map(d => d.name).join(', ')})`);

  // The service worker: version and files of this build.
  const files = listFiles(dist).filter(precached);
  const swPath = path.join(dist, 'sw.js');
  const sw = fs.readFileSync(swPath, 'utf8');
  if (!SW_BUILD_LINE.test(sw)) throw new Error('web/src/sw.js lacks the line the build replaces: ' + SW_BUILD_LINE);
  const version = crypto.createHash('sha256');
  const entries = files.map(f => {
    const bytes = fs.readFileSync(path.join(dist, f));
    version.update(`${f}\0${bytes.length}\0`).update(bytes);
    return { url: f, integrity: 'sha256-' + crypto.createHash('sha256').update(bytes).digest('base64') };
  });
  version.update(sw);
  const build = {
    version: version.digest('hex').slice(0, 16),
    assets: entries.filter(e => !lazy(e.url)),
    lazy: entries.filter(e => lazy(e.url)),
  };
  fs.writeFileSync(swPath, sw.replace(SW_BUILD_LINE, () => `const BUILD = ${JSON.stringify(build, null, 1)};`));
  console.log(`sw.js: version ${build.version}, ${build.assets.length} files stored for offline use, ${build.lazy.length} when first used`);

  // Precompressed copies.
  const rows = [];
  for (const f of listFiles(dist)) {
    if (!COMPRESSIBLE.includes(path.extname(f))) { rows.push([f, fs.statSync(path.join(dist, f)).size, null, null]); continue; }
    const p = path.join(dist, f), bytes = fs.readFileSync(p);
    const gz = zlib.gzipSync(bytes, { level: 9 });
    const br = zlib.brotliCompressSync(bytes, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_MODE]: f.endsWith('.wasm') ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    } });
    if (gz.length < bytes.length) fs.writeFileSync(p + '.gz', gz);
    if (br.length < bytes.length) fs.writeFileSync(p + '.br', br);
    rows.push([f, bytes.length, Math.min(gz.length, bytes.length), Math.min(br.length, bytes.length)]);
  }
  const w = Math.max(...rows.map(r => r[0].length));
  const n = v => (v === null ? '-' : String(v)).padStart(9);
  console.log(`${'file'.padEnd(w)} ${n('raw')} ${n('gzip')} ${n('brotli')}`);
  for (const r of rows) console.log(`${r[0].padEnd(w)} ${n(r[1])} ${n(r[2])} ${n(r[3])}`);
  const sum = i => rows.reduce((s, r) => s + (r[i] ?? r[1]), 0);
  console.log(`${'total'.padEnd(w)} ${n(sum(1))} ${n(sum(2))} ${n(sum(3))}   (the page uses all but the .d.ts files)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) build();
