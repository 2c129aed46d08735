// Tokenizing with the grammar the way VS Code does (vscode-textmate on the Oniguruma WASM build), and
// finding the Yardstick text the tests run over: every shipped standard and every ```yard block of the
// docs. Shared by grammar.test.mjs and the `--dump` helper below.
//
//   node test/tokenize.mjs FILE.yard      # print each token with its scopes (to write expectations)

import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
export const EDITORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = path.resolve(EDITORS, "..");
export const GRAMMAR = path.join(EDITORS, "yard.tmLanguage.json");
export const ROOT_SCOPE = "source.yard";

/** The extension's injection of source.yard into Markdown's ```yard blocks. */
export const MARKDOWN_INJECTION = path.join(EDITORS, "vscode", "syntaxes", "yard.markdown.tmLanguage.json");
const MARKDOWN_SCOPE = "text.html.markdown";
const INJECTION_SCOPE = "markdown.yard.codeblock";

let registryPromise;

/**
 * A registry as VS Code sets it up: the Yardstick grammar, and the Markdown injection over a stand-in for
 * VS Code's Markdown grammar (an empty `text.html.markdown`: the injection alone decides the blocks).
 */
function loadRegistry() {
  registryPromise ??= (async () => {
    const wasm = await readFile(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName === ROOT_SCOPE) return vsctm.parseRawGrammar(await readFile(GRAMMAR, "utf8"), GRAMMAR);
        if (scopeName === INJECTION_SCOPE) {
          return vsctm.parseRawGrammar(await readFile(MARKDOWN_INJECTION, "utf8"), MARKDOWN_INJECTION);
        }
        if (scopeName === MARKDOWN_SCOPE) {
          return vsctm.parseRawGrammar(JSON.stringify({ scopeName: MARKDOWN_SCOPE, patterns: [] }), "markdown.json");
        }
        return null;
      },
      getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [INJECTION_SCOPE] : undefined),
    });
  })();
  return registryPromise;
}

const grammars = new Map();

/** The grammar of a scope (source.yard unless told), loaded once. */
export function loadGrammar(scope = ROOT_SCOPE) {
  if (!grammars.has(scope)) {
    grammars.set(
      scope,
      (async () => {
        const grammar = await (await loadRegistry()).loadGrammar(scope);
        if (!grammar) throw new Error(`no grammar for ${scope}`);
        return grammar;
      })(),
    );
  }
  return grammars.get(scope);
}

/**
 * Every token of `text`: { line (1-based), column (1-based), text, scopes }. Lines are split as VS Code
 * splits them (\n, \r\n); the rule stack carries over from line to line. `scope`: the grammar to use
 * (text.html.markdown for a Markdown file with the injection).
 */
export async function tokenize(text, scope = ROOT_SCOPE) {
  const grammar = await loadGrammar(scope);
  const out = [];
  let stack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end <= t.startIndex) continue;
      out.push({ line: i + 1, column: t.startIndex + 1, text: line.slice(t.startIndex, end), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}

/** Tokens that are not whitespace and carry only the root scope: text the grammar does not know. */
export function unscoped(tokens) {
  return tokens.filter((t) => t.scopes.length === 1 && /\S/u.test(t.text.replace(/[\u3000\uFEFF]/gu, "")));
}

async function walk(dir, keep) {
  const found = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await walk(p, keep)));
    else if (keep(e.name)) found.push(p);
  }
  return found.sort();
}

/** The shipped standards: every `.yard` file under standards/. */
export async function shippedStandards() {
  const files = await walk(path.join(ROOT, "standards"), (n) => n.endsWith(".yard"));
  return Promise.all(
    files.map(async (f) => ({ name: path.relative(ROOT, f), text: await readFile(f, "utf8"), offset: 0 })),
  );
}

/**
 * Every fenced block whose info string starts with `yard` (```yard, ```yard error, ```yard excerpt) in
 * the Markdown files of docs/: { name: "docs/x.md:LINE (yard error)", text, offset } where offset is the
 * line number of the fence, so that token lines can be reported as lines of the Markdown file.
 */
export async function docBlocks() {
  const files = await walk(path.join(ROOT, "docs"), (n) => n.endsWith(".md"));
  const blocks = [];
  for (const f of files) {
    const lines = (await readFile(f, "utf8")).split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const open = /^(\s*)(`{3,}|~{3,})\s*(yard\b[^`]*)$/u.exec(lines[i]);
      if (!open) continue;
      const [, indent, fence, info] = open;
      const body = [];
      let j = i + 1;
      const closes = (l) => {
        const m = /^\s*(`{3,}|~{3,})\s*$/u.exec(l);
        return m !== null && m[1][0] === fence[0] && m[1].length >= fence.length;
      };
      while (j < lines.length && !closes(lines[j])) {
        body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
        j++;
      }
      if (j >= lines.length) throw new Error(`${path.relative(ROOT, f)}:${i + 1}: the fence is never closed`);
      blocks.push({ name: `${path.relative(ROOT, f)}:${i + 1} (${info.trim()})`, text: body.join("\n"), offset: i + 1 });
      i = j;
    }
  }
  return blocks;
}

/** One line per token: `LINE:COL  "text"  scope scope …` (the root scope left out). */
export function dump(tokens) {
  return tokens
    .filter((t) => /\S/u.test(t.text))
    .map((t) => `${t.line}:${t.column}\t${JSON.stringify(t.text)}\t${t.scopes.slice(1).join(" ")}`)
    .join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node test/tokenize.mjs FILE.yard");
    process.exit(2);
  }
  console.log(dump(await tokenize(await readFile(file, "utf8"))));
}
