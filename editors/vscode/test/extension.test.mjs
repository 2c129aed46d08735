// The VS Code extension without VS Code: its manifest and the files it names, the editing rules of
// language-configuration.json, the assessment schema (ajv, over examples/assessments/ and broken copies),
// how the server is started (src/server.ts), and the bundle (dist/extension.js) activated with a
// stand-in `vscode` module: the real language client starts a stand-in server (test/fake-lsp.cjs). Run after `node build.mjs`:
//
//   cd editors/vscode && npm ci && node build.mjs && npm test
import assert from "node:assert/strict";
import { readFile, readdir, mkdtemp, rm } from "node:fs/promises";
import Module, { builtinModules, createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(HERE, "..", "..");
const json = async (p) => JSON.parse(await readFile(path.resolve(HERE, p), "utf8"));
const manifest = await json("package.json");

test("the manifest names files that exist, and the grammar is the repository's", async () => {
  const c = manifest.contributes;
  const lang = c.languages.find((l) => l.id === "yard");
  assert.ok(lang, "no language yard");
  assert.deepEqual(lang.extensions, [".yard"]);
  await json(lang.configuration);
  const main = c.grammars.find((g) => g.language === "yard");
  const bundled = await readFile(path.resolve(HERE, main.path), "utf8");
  assert.equal(bundled, await readFile(path.join(ROOT, "editors", "yard.tmLanguage.json"), "utf8"), "dist/ has a stale copy of the grammar");
  assert.equal(JSON.parse(bundled).scopeName, main.scopeName);
  const injection = c.grammars.find((g) => g.injectTo);
  assert.equal((await json(injection.path)).scopeName, injection.scopeName);
  assert.deepEqual(Object.values(injection.embeddedLanguages), ["yard"]);
  for (const v of c.jsonValidation) await json(v.url);
  await readFile(path.resolve(HERE, manifest.main));
  assert.ok(manifest.activationEvents.includes("onLanguage:yard"));
  for (const cmd of c.commands) assert.match(cmd.command, /^yardstick\./u);
  assert.deepEqual(Object.keys(c.configuration.properties).sort(), ["yardstick.lang", "yardstick.path", "yardstick.standards"]);
  assert.deepEqual(c.configuration.properties["yardstick.lang"].enum, ["auto", "en", "zh"]);
});

test("the manifest's engine is not older than the VS Code API the client is typed against", async () => {
  const types = await json("node_modules/@types/vscode/package.json");
  const client = await json("node_modules/vscode-languageclient/package.json");
  const floor = (range) => range.replace(/^[\^~>=]+/u, "").split(".").map(Number);
  const ge = (a, b) => a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] >= b[2])));
  const engine = floor(manifest.engines.vscode);
  assert.ok(ge(engine, floor(types.version)), `engines.vscode ${manifest.engines.vscode} < @types/vscode ${types.version}`);
  assert.ok(ge(engine, floor(client.engines.vscode)), `engines.vscode ${manifest.engines.vscode} < the client's ${client.engines.vscode}`);
});

const config = await json("language-configuration.json");

test("editing rules: comments, brackets, and straight and Chinese quotes and brackets close themselves", () => {
  assert.equal(config.comments.lineComment, "//");
  const pairs = new Map(config.autoClosingPairs.map((p) => [p.open, p.close]));
  for (const [open, close] of [["{", "}"], ["[", "]"], ["(", ")"], ['"', '"'], ["“", "”"], ["「", "」"], ["『", "』"], ["（", "）"], ["【", "】"], ["《", "》"]]) {
    assert.equal(pairs.get(open), close, `${open} does not close with ${close}`);
  }
  // Straight quotes are the language's: not doubled inside text or comments. Chinese ones are typed
  // inside labels, so they close there too.
  assert.deepEqual(config.autoClosingPairs.find((p) => p.open === '"').notIn, ["string", "comment"]);
  assert.equal(config.autoClosingPairs.find((p) => p.open === "「").notIn, undefined);
  for (const [open, close] of config.brackets) assert.equal(pairs.get(open), close);
  const surround = new Map(config.surroundingPairs);
  for (const [open, close] of pairs) assert.equal(surround.get(open), close, `${open} does not surround a selection`);
});

test("editing rules: words, indentation and doc comments", () => {
  const word = new RegExp(`^(?:${config.wordPattern})$`, "u");
  for (const w of ["room_positive_rate", "b10", "_x", "17.60%", "90%", "-5", "3"]) assert.match(w, word);
  for (const w of ["pests.fly", "a-b", "满意率", "90％"]) assert.doesNotMatch(w, word);
  const up = new RegExp(config.indentationRules.increaseIndentPattern, "u");
  const down = new RegExp(config.indentationRules.decreaseIndentPattern, "u");
  for (const l of ["standard demo {", "  levels level: A > B, below C {", "  item b { // note", "  given s = ["]) assert.match(l, up);
  for (const l of ["  item b { a }", "  input a: percent", '  title zh "{"']) assert.doesNotMatch(l, up);
  for (const l of ["}", "  }", "  ]"]) assert.match(l, down);
  assert.doesNotMatch("  item b { a }", down);
  const doc = config.onEnterRules.find((r) => r.action.appendText === "/// ");
  assert.match("  /// A doc comment", new RegExp(doc.beforeText, "u"));
  assert.doesNotMatch("  // a comment", new RegExp(doc.beforeText, "u"));
});

const schema = await json(manifest.contributes.jsonValidation[0].url);
// Draft-07, as the file says; strict mode off for the engine's `x-unit` annotations.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const examplesDir = path.join(ROOT, "examples", "assessments");
const examples = await Promise.all(
  (await readdir(examplesDir)).filter((f) => f.endsWith(".json")).sort().map(async (f) => ({ f, a: JSON.parse(await readFile(path.join(examplesDir, f), "utf8")) })),
);

test("every example assessment is valid against the assessment schema, in its own standard's branch", () => {
  assert.ok(examples.length > 0);
  for (const { f, a } of examples) {
    assert.ok(validate(a), `${f}: ${ajv.errorsText(validate.errors)}`);
    const own = schema.anyOf.filter((b) => b.properties.standard.const === a.standard);
    assert.ok(own.length > 0, `${f}: no branch for ${a.standard}`);
    assert.ok(own.some((b) => ajv.validate(b, a)), `${f}: valid only in another standard's branch`);
  }
});

test("the assessment schema refuses broken assessments", () => {
  const { a } = examples.find(({ a }) => a.standard === "cn.vector.fly" && a.inputs.room_positive_rate !== undefined);
  const broken = (change) => {
    const b = structuredClone(a);
    change(b);
    return b;
  };
  const cases = {
    "a misspelt input": broken((b) => {
      b.inputs.room_positve_rate = b.inputs.room_positive_rate;
      delete b.inputs.room_positive_rate;
    }),
    "a percent as text": broken((b) => (b.inputs.room_positive_rate = "4.2%")),
    "a percent above its range": broken((b) => (b.inputs.room_positive_rate = 120)),
    "a count that is not whole": broken((b) => (b.inputs.ready_to_eat_sites_with_flies = 1.5)),
    "an unknown standard": broken((b) => (b.standard = "cn.vector.flies")),
    "no standard": broken((b) => delete b.standard),
    "a version the standard does not have": broken((b) => (b.version = "GB/T 27772-2025")),
    "a bad as_of": broken((b) => (b.as_of = "2020-13-01")),
    "an unknown field": broken((b) => (b.city = "x")),
  };
  for (const [what, b] of Object.entries(cases)) assert.equal(validate(b), false, `${what} was accepted`);
  // A missing answer is null or left out.
  assert.ok(validate(broken((b) => (b.inputs.room_positive_rate = null))), ajv.errorsText(validate.errors));
  assert.ok(validate(broken((b) => delete b.inputs.room_positive_rate)), ajv.errorsText(validate.errors));
});

test("the assessment schema lists every shipped standard", async () => {
  const ids = new Set();
  const walk = async (d) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".yard")) ids.add(/^standard\s+([\w.]+)/mu.exec(await readFile(p, "utf8"))[1]);
    }
  };
  await walk(path.join(ROOT, "standards"));
  assert.deepEqual([...ids].sort(), [...schema.properties.standard.enum].sort());
});

// src/server.ts compiled on its own (it does not use the VS Code API).
const scratch = await mkdtemp(path.join(os.tmpdir(), "yardstick-vscode-"));
test.after(() => rm(scratch, { recursive: true, force: true }));
await build({ entryPoints: [path.join(HERE, "src", "server.ts")], outfile: path.join(scratch, "server.mjs"), bundle: true, platform: "node", format: "esm", logLevel: "error" });
const { serverCommand, serverLang } = await import(pathToFileURL(path.join(scratch, "server.mjs")).href);

test("the server is `yardstick lsp --lang en|zh`", () => {
  assert.deepEqual(serverCommand({}, "en", undefined, {}), { command: "yardstick", args: ["lsp", "--lang", "en"], env: {} });
  assert.deepEqual(serverCommand({ path: " ", lang: "auto" }, "zh-cn", "/w", { PATH: "/bin" }).args, ["lsp", "--lang", "zh"]);
  assert.equal(serverLang("auto", "zh-tw"), "zh");
  assert.equal(serverLang(undefined, "fr"), "en");
  assert.equal(serverLang("en", "zh-cn"), "en");
  assert.equal(serverLang("zh", "en"), "zh");
  const s = serverCommand({ path: "${workspaceFolder}/target/debug/yardstick", standards: "standards" }, "en", "/w", { PATH: "/bin" });
  assert.equal(s.command, "/w/target/debug/yardstick");
  assert.deepEqual(s.env, { PATH: "/bin", YARDSTICK_STANDARDS: "/w/standards" });
  assert.equal(serverCommand({ standards: "/lib" }, "en", "/w", {}).env.YARDSTICK_STANDARDS, "/lib");
  assert.equal(serverCommand({}, "en", "/w", {}).env.YARDSTICK_STANDARDS, undefined);
});

test("the bundle needs only `vscode` from outside", async () => {
  const text = await readFile(path.resolve(HERE, manifest.main), "utf8");
  const required = new Set([...text.matchAll(/require\("([^"]+)"\)/gu)].map((m) => m[1]));
  const builtin = new Set(builtinModules);
  assert.deepEqual([...required].filter((r) => !builtin.has(r.replace(/^node:/u, ""))), ["vscode"]);
});

/**
 * A stand-in for the editor's `vscode` module: the settings, workspace folder, display language and
 * error messages are real; everything else the client touches is a permissive object that accepts any
 * call (registering providers, watchers, output channels) and does nothing.
 */
function fakeVscode(settings, folder, language, messages) {
  const permissive = (name) =>
    new Proxy(function () {}, {
      get(t, k) {
        if (k === "then" || k === Symbol.toPrimitive) return undefined;
        if (k === Symbol.iterator) return function* () {};
        if (k === "prototype") return t.prototype;
        return permissive(`${name}.${String(k)}`);
      },
      apply: () => permissive(`${name}()`),
      construct: () => permissive(`new ${name}`),
    });
  const part = (name, real) => new Proxy(real, { get: (t, k) => (k in t ? t[k] : permissive(`${name}.${String(k)}`)) });
  const real = {
    __esModule: true,
    version: "1.82.0",
    env: part("env", { language }),
    workspace: part("workspace", {
      getConfiguration: (section) => {
        assert.equal(section, "yardstick");
        return { get: (k) => settings[k] };
      },
      workspaceFolders: folder === undefined ? undefined : [{ uri: { fsPath: folder } }],
      textDocuments: [],
    }),
    window: part("window", { showErrorMessage: async (m) => void messages.push(m) }),
  };
  return new Proxy(real, { get: (t, k) => (k in t ? t[k] : permissive(String(k))) });
}

/** Load dist/extension.js afresh with the stand-in, activate it, let the client start, deactivate. */
async function runExtension(settings, language) {
  const bundle = path.resolve(HERE, manifest.main);
  const require = createRequire(bundle);
  const messages = [];
  const stub = path.join(scratch, "vscode-stub.js");
  const resolve = Module._resolveFilename;
  require.cache[stub] = { id: stub, filename: stub, loaded: true, exports: fakeVscode(settings, scratch, language, messages) };
  delete require.cache[bundle];
  Module._resolveFilename = (request, ...rest) => (request === "vscode" ? stub : resolve(request, ...rest));
  try {
    const ext = require(bundle);
    const context = { subscriptions: [] };
    await ext.activate(context);
    await ext.deactivate();
    return { messages, context };
  } finally {
    Module._resolveFilename = resolve;
    delete require.cache[stub];
    delete require.cache[bundle];
  }
}

test("activating starts the server as `PATH lsp --lang zh` and speaks LSP with it until shutdown", async () => {
  const record = path.join(scratch, "record.jsonl");
  process.env.FAKE_RECORD = record;
  const { messages, context } = await runExtension(
    { path: path.join(HERE, "test", "fake-lsp.cjs"), lang: "auto", standards: "lib" },
    "zh-cn",
  );
  assert.deepEqual(messages, []);
  assert.ok(context.subscriptions.length >= 2, "the restart command and the settings watcher");
  const [started, ...received] = (await readFile(record, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(started, { argv: ["lsp", "--lang", "zh"], cwd: scratch, standards: path.join(scratch, "lib") });
  assert.deepEqual(received.map((m) => m.method), ["initialize", "initialized", "shutdown", "exit"]);
});

test("a server that cannot be started is reported with the command and the setting to change", async () => {
  const missing = path.join(scratch, "no-such-yardstick");
  const { messages } = await runExtension({ path: missing, lang: "en" }, "en");
  // The client says it could not connect; the extension says what it ran and what to set.
  const ours = messages.filter((m) => m.startsWith("Yardstick: could not start the language server"));
  assert.equal(ours.length, 1, messages.join("\n"));
  assert.ok(ours[0].includes(`\`${missing} lsp --lang en\``), ours[0]);
  assert.ok(ours[0].includes("ENOENT"), ours[0]);
  assert.ok(ours[0].includes("yardstick.path"), ours[0]);
});

// The real server: scripts/editors-test.sh exports YARDSTICK (the built CLI), so this runs there.
test("with the real `yardstick lsp`, the extension starts it, speaks LSP and stops it without a message",
  { skip: process.env.YARDSTICK ? false : "YARDSTICK (the path of a built yardstick) is not set" }, async () => {
    const { messages, context } = await runExtension({ path: process.env.YARDSTICK, lang: "en" }, "en");
    assert.deepEqual(messages, []);
    assert.ok(context.subscriptions.length >= 2);
  });
