// Builds the static site in web/dist (after scripts/web-test.sh has put the engine in web/dist/pkg):
// copies web/src, and bundles every standards/**/*.yard into dist/library.json as [{name, text}].
// Names are the paths from the repository root ("standards/cn/…"), sorted by path component, exactly as
// `yardstick eval` loads them, so spans and hashes in results match the CLI's byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSources } from './sources.mjs';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(web, '..');
const dist = path.join(web, 'dist');

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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(dist, { recursive: true });
  for (const f of fs.readdirSync(path.join(web, 'src'))) {
    fs.copyFileSync(path.join(web, 'src', f), path.join(dist, f));
  }
  const docs = libraryDocs();
  fs.writeFileSync(path.join(dist, 'library.json'), JSON.stringify(docs));
  writeSources(dist);   // sources.html, sources.en.html
  console.log(`${dist}: ${fs.readdirSync(path.join(web, 'src')).join(', ')}, library.json (${docs.length} documents: ${docs.map(d => d.name).join(', ')})`);
}
