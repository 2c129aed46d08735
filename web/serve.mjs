// A tiny static file server for web/dist, bound to 127.0.0.1 only. Used by scripts/serve-web.sh and the
// browser tests. No network requests leave the machine; nothing is written.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Serve `root` on 127.0.0.1:`port` (0: any free port). Resolves to {server, url, served}. */
export function serve(root, port = 0) {
  const served = [];
  const server = http.createServer((req, res) => {
    served.push(req.url);
    let p;
    try { p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)); }
    catch { res.writeHead(400).end(); return; }
    const file = path.join(root, p.endsWith('/') ? p + 'index.html' : p);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    fs.readFile(file, (e, data) => {
      if (e) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/`, served }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'));
  const port = Number(process.argv[3] || process.env.PORT || 8080);
  const { url } = await serve(root, port);
  console.log(`serving ${root} at ${url}  (Ctrl-C stops)`);
}
