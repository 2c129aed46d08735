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
import { readFile } from "node:fs/promises";
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
