// Build the extension into dist/: the client bundled with esbuild (one CommonJS file; `vscode` is
// provided by the editor), and the grammar copied from editors/yard.tmLanguage.json, its one source.
//
//   node build.mjs            (vsce runs it before packaging: `vscode:prepublish`)
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");
await mkdir(dist, { recursive: true });
await copyFile(path.join(here, "..", "yard.tmLanguage.json"), path.join(dist, "yard.tmLanguage.json"));
const result = await build({
  entryPoints: [path.join(here, "src", "extension.ts")],
  outfile: path.join(dist, "extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["vscode"],
  minify: true,
  sourcemap: false,
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`dist/extension.js: ${bytes} bytes; dist/yard.tmLanguage.json copied`);
