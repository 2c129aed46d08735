// The TextMate grammar (editors/yard.tmLanguage.json), tokenized the way VS Code tokenizes:
//
// * every shipped standard and every ```yard block of docs/ (```yard error and ```yard excerpt too) has
//   no non-whitespace token left with only the root scope;
// * the documents that are meant to be valid (the standards, ```yard blocks that are not `error`) have no
//   token scoped invalid.*, and the mistakes the parser names are scoped invalid.* (scopes.json);
// * the scopes listed in scopes.json, token by token.
//
//   cd editors && npm ci && npm test
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { EDITORS, ROOT, docBlocks, shippedStandards, tokenize, unscoped } from "./tokenize.mjs";

const where = (doc, t) => `${doc.name}: line ${t.line + doc.offset}, column ${t.column}: ${JSON.stringify(t.text)}`;

function assertAllScoped(doc, tokens) {
  const left = unscoped(tokens).map((t) => where(doc, t));
  assert.deepEqual(left, [], `tokens with only the root scope in ${doc.name}`);
}

const standards = await shippedStandards();
const blocks = await docBlocks();

test("the documents are found", () => {
  // Counted from the repository, not hard-coded: the test must see at least one of each kind.
  assert.ok(standards.length > 0, "no .yard file under standards/");
  assert.ok(blocks.some((b) => b.name.endsWith("(yard)")), "no ```yard block in docs/");
  assert.ok(blocks.some((b) => b.name.endsWith("(yard error)")), "no ```yard error block in docs/");
});

for (const doc of standards) {
  test(`every token of ${doc.name} is scoped`, async () => {
    assertAllScoped(doc, await tokenize(doc.text));
  });
}

test(`every token of the ${blocks.length} \`\`\`yard blocks of docs/ is scoped`, async () => {
  for (const doc of blocks) assertAllScoped(doc, await tokenize(doc.text));
});

test("valid documents have no invalid token (an excerpt's … aside)", async () => {
  const valid = [...standards, ...blocks.filter((b) => !b.name.endsWith("(yard error)"))];
  const found = [];
  for (const doc of valid) {
    const excerpt = doc.name.endsWith("(yard excerpt)");
    for (const t of await tokenize(doc.text)) {
      if (!t.scopes.some((s) => s.startsWith("invalid."))) continue;
      if (excerpt && t.text === "…") continue;
      found.push(`${where(doc, t)} ${t.scopes.at(-1)}`);
    }
  }
  assert.deepEqual(found, []);
});

test("the check sees text the grammar does not know", async () => {
  // `@` and `#` are nowhere in the language: the grammar must leave them unscoped, or the tests above
  // could never fail.
  const tokens = await tokenize('item i { a @ b # c }');
  assert.deepEqual(
    unscoped(tokens).map((t) => t.text.trim()),
    ["@", "#"],
  );
});

const cases = JSON.parse(await readFile(path.join(EDITORS, "test", "scopes.json"), "utf8"));

for (const c of cases) {
  test(`scopes: ${c.name}`, async () => {
    const text = c.file ? await readFile(path.join(ROOT, c.file), "utf8") : c.code;
    const tokens = (await tokenize(text)).filter((t) => /\S/u.test(t.text));
    let at = 0;
    for (const [want, scope] of c.expect) {
      const i = tokens.findIndex((t, k) => k >= at && t.text.trim() === want);
      assert.notEqual(i, -1, `no token ${JSON.stringify(want)} after token ${at} (expected ${scope})`);
      const t = tokens[i];
      assert.ok(
        t.scopes.includes(scope),
        `line ${t.line}, column ${t.column}: ${JSON.stringify(t.text)} has ${t.scopes.join(" ")}, not ${scope}`,
      );
      at = i + 1;
    }
  });
}

test("the VS Code extension's Markdown injection highlights the ```yard blocks of docs/ as source.yard", async () => {
  // Each block, tokenized inside its Markdown file, gets the tokens it gets alone (the same text and
  // scopes below meta.embedded.block.yard, which VS Code maps to the language); the text around the
  // blocks gets no Yardstick scope.
  const byFile = new Map();
  for (const b of blocks) {
    const file = b.name.replace(/:\d+ \(.*$/u, "");
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(b);
  }
  for (const [file, fileBlocks] of byFile) {
    const md = await tokenize(await readFile(path.join(ROOT, file), "utf8"), "text.html.markdown");
    for (const b of fileBlocks) {
      const alone = (await tokenize(b.text)).filter((t) => /\S/u.test(t.text));
      const last = b.offset + b.text.split("\n").length;
      const inside = md.filter((t) => t.line > b.offset && t.line <= last && /\S/u.test(t.text));
      // Below the embedding scope inside Markdown, below the root scope alone.
      const strip = (t, below) => `${t.line}:${t.column}:${t.text.trim()}:${t.scopes.slice(t.scopes.indexOf(below) + 1).join(" ")}`;
      assert.ok(
        inside.every((t) => t.scopes.includes("meta.embedded.block.yard")),
        `${b.name}: a token of the block is outside meta.embedded.block.yard`,
      );
      assert.deepEqual(
        inside.map((t) => strip({ ...t, line: t.line - b.offset }, "meta.embedded.block.yard")),
        alone.map((t) => strip(t, "source.yard")),
        `${b.name}: tokens differ inside the Markdown file`,
      );
    }
    const outside = md.filter((t) => t.scopes.some((s) => s.endsWith(".yard")) && !fileBlocks.some((b) => t.line > b.offset && t.line <= b.offset + b.text.split("\n").length));
    assert.deepEqual(outside.map((t) => `${file}:${t.line}: ${t.text}`), [], "Yardstick scopes outside the blocks");
  }
});

test("the mistakes of the invalid corpus (tests/corpus/invalid) are marked where the checker points", async () => {
  const marks = JSON.parse(await readFile(path.join(EDITORS, "test", "corpus-marks.json"), "utf8"));
  const codes = new Set(marks.codes);
  const unmarked = new Set(marks.unmarked.map((u) => `${u.code} ${u.text}`));
  const dir = path.join(ROOT, "tests", "corpus", "invalid");
  const wrong = [];
  let checked = 0;
  for (const f of (await readdir(dir)).filter((n) => n.endsWith(".yard")).sort()) {
    const text = await readFile(path.join(dir, f), "utf8");
    const lines = text.split(/\r?\n/u);
    const tokens = await tokenize(text);
    const seen = new Map();
    for (const [, code, raw] of text.matchAll(/^\/\/ expect: (Y\d{4}) "((?:[^"\\]|\\.)*)"/gmu)) {
      if (!codes.has(code)) continue;
      const want = JSON.parse(`"${raw}"`);
      // The n-th expectation of a text is its n-th occurrence outside comment lines.
      const n = seen.get(want) ?? 0;
      seen.set(want, n + 1);
      const at = [];
      lines.forEach((l, i) => {
        if (l.trimStart().startsWith("//")) return;
        for (let c = l.indexOf(want); c >= 0; c = l.indexOf(want, c + want.length)) at.push({ line: i + 1, column: c + 1 });
      });
      const place = at[n];
      if (place === undefined) {
        wrong.push(`${f}: ${code} ${JSON.stringify(want)} is not in the text`);
        continue;
      }
      const over = tokens.filter((t) => t.line === place.line && t.column < place.column + want.length && t.column + t.text.length > place.column);
      const marked = over.some((t) => t.scopes.some((s) => s.startsWith("invalid.")));
      const expected = !unmarked.has(`${code} ${want}`);
      checked++;
      if (marked !== expected) {
        wrong.push(`${f}:${place.line}:${place.column}: ${code} ${JSON.stringify(want)} is ${marked ? "" : "not "}marked (${over.map((t) => t.scopes.at(-1)).join(", ")})`);
      }
    }
  }
  assert.ok(checked > 0, "no expectation of these codes in the corpus");
  assert.deepEqual(wrong, []);
});
