// A tiny static file server for web/dist, bound to 127.0.0.1 only. Used by scripts/serve-web.sh and the
// browser tests. No network requests leave the machine; nothing is written.
//
// Sends the precompressed copy that web/build.mjs wrote beside a file (.br, else .gz; never one older than
// the file) when the request's Accept-Encoding takes it, with Content-Encoding and `Vary: Accept-Encoding`; the file itself otherwise (or
// always, with `{ compress: false }` or `--identity`). Every answer has an ETag (a 304 for a matching
// If-None-Match) and `Cache-Control: no-cache`: the file names carry no version, so the browser revalidates
// each time, a cheap 304; offline use is the service worker's job (src/sw.js), not the HTTP cache's.
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml; charset=utf-8',
};

/** The codings of an Accept-Encoding header that the client takes (q > 0), e.g. Set {'br', 'gzip'}. */
export function accepted(header) {
  const ok = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map(s => s.trim());
    if (!name) continue;
    const q = params.find(p => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) ok.add(name);
  }
  if (ok.has('*')) { ok.add('br'); ok.add('gzip'); }
  return ok;
}

const etags = new Map();   // path -> {mtimeMs, size, tag}
function etag(file, stat) {
  const known = etags.get(file);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.tag;
  const tag = '"' + crypto.createHash('sha256').update(fs.readFileSync(file)).digest('base64url').slice(0, 22) + '"';
  etags.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, tag });
  return tag;
}

/** Serve `root` on 127.0.0.1:`port` (0: any free port). Resolves to {server, url, served, log}: `served`, the
 * request URLs; `log`, one {url, status, encoding, bytes} per answer (bytes: the body sent). */
export function serve(root, port = 0, { compress = true } = {}) {
  root = path.resolve(root);
  const served = [], log = [];
  const server = http.createServer((req, res) => {
    served.push(req.url);
    const done = (status, headers, body) => {
      log.push({ url: req.url, status, encoding: headers['content-encoding'] || 'identity',
        bytes: req.method === 'HEAD' || !body ? 0 : body.length });
      res.writeHead(status, { 'x-content-type-options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') { done(405, { allow: 'GET, HEAD' }); return; }
    let p;
    try { p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)); }
    catch { done(400, {}); return; }
    const file = path.join(root, p.endsWith('/') ? p + 'index.html' : p);
    if (file !== root && !file.startsWith(root + path.sep)) { done(403, {}); return; }
    let stat;
    try { stat = fs.statSync(file); } catch { stat = null; }
    if (!stat || !stat.isFile()) { done(404, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('not found')); return; }
    const ext = path.extname(file);
    const headers = {
      'content-type': TYPES[ext] || 'application/octet-stream',
      'cache-control': 'no-cache',
    };
    let body = null, coding = null;
    const takes = accepted(req.headers['accept-encoding']);
    const hasCopies = compress && ['.br', '.gz'].some(s => fs.existsSync(file + s));
    if (hasCopies) {
      headers.vary = 'Accept-Encoding';
      for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!takes.has(name)) continue;
        let copy;
        try { copy = fs.statSync(file + suffix); } catch { continue; }
        if (copy.mtimeMs < stat.mtimeMs) continue;   // older than the file: stale, not sent
        body = fs.readFileSync(file + suffix);
        coding = name;
        break;
      }
    }
    const tag = etag(file, stat);
    // One ETag per representation: the coding is part of it.
    headers.etag = coding ? tag.slice(0, -1) + '-' + coding + '"' : tag;
    if (coding) headers['content-encoding'] = coding;
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').map(s => s.trim().replace(/^W\//, '')).includes(headers.etag)) {
      delete headers['content-type'];
      done(304, headers);
      return;
    }
    body ??= fs.readFileSync(file);
    headers['content-length'] = String(body.length);
    done(200, headers, body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/`, served, log }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const identity = args.includes('--identity');
  const [dir, portArg] = args.filter(a => a !== '--identity');
  const root = path.resolve(dir || path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'));
  const port = Number(portArg || process.env.PORT || 8080);
  const { url } = await serve(root, port, { compress: !identity });
  console.log(`serving ${root} at ${url}${identity ? ' (uncompressed)' : ' (precompressed .br/.gz by Accept-Encoding)'}  (Ctrl-C stops)`);
}
