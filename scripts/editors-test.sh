#!/usr/bin/env bash
# Editor support (docs/editors.md, "Highlighting and VS Code"): the TextMate grammar and the VS Code
# extension.
#
#   ./scripts/editors-test.sh            # YARDSTICK=PATH to use a built CLI instead of `cargo build`
#
# 1. the grammar (editors/yard.tmLanguage.json) tokenized with vscode-textmate over every shipped
#    standard and every ```yard block of docs/: no token left unscoped, the scopes of
#    editors/test/scopes.json, the Markdown injection;
# 2. the assessment schema of the extension is what `yardstick schema FILE` gives for standards/ today;
# 3. the extension: type check, esbuild bundle, its tests (manifest, editing rules, the schema with ajv
#    over examples/assessments/, the language client starting a stand-in server);
# 4. the .vsix, packaged with @vscode/vsce (editors/vscode/yardstick.vsix), and what it holds.
#
# Idempotent: `npm ci` in editors/ and editors/vscode only when node_modules is missing or older than the
# lock file (pinned versions, from the npm registry), with --ignore-scripts: no package needs its install
# script (esbuild finds its binary in its platform package; vsce's signing tool is not used). The CLI is
# built by cargo only when YARDSTICK is not given (a no-op after the workspace build of scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
step() { printf '\n== editors: %s  [t=%ss]\n' "$*" "$SECONDS"; }

step "set-up"
for d in editors editors/vscode; do
  if [ ! -d "$d/node_modules" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    (cd "$d" && npm ci --no-audit --no-fund --ignore-scripts)
  fi
done
echo "node $(node --version), esbuild $(editors/vscode/node_modules/.bin/esbuild --version), $(editors/vscode/node_modules/.bin/tsc --version), vsce $(editors/vscode/node_modules/.bin/vsce --version)"

step "the grammar"
(cd editors && node --test test/grammar.test.mjs)

step "the assessment schema is the engine's"
if [ -z "${YARDSTICK:-}" ]; then
  cargo build -q --locked -p yardstick-cli
  TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
  YARDSTICK="$TARGET_DIR/debug/yardstick"
fi
export YARDSTICK   # the extension test also starts the real `yardstick lsp`
node editors/vscode/scripts/assessment-schema.mjs --yardstick "$YARDSTICK" --check

step "the extension: type check, bundle, tests"
(cd editors/vscode && node_modules/.bin/tsc --noEmit -p . && node build.mjs && node --test test/extension.test.mjs)

step "the .vsix"
rm -f editors/vscode/yardstick.vsix
(cd editors/vscode && node_modules/.bin/vsce package --no-dependencies --skip-license --allow-missing-repository --out yardstick.vsix)
VSIX="$ROOT/editors/vscode/yardstick.vsix"
python3 - "$VSIX" <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
need = ["extension/package.json", "extension/dist/extension.js", "extension/dist/yard.tmLanguage.json",
        "extension/language-configuration.json", "extension/schemas/assessment.schema.json",
        "extension/syntaxes/yard.markdown.tmLanguage.json", "extension/readme.md"]
missing = [n for n in need if n not in names]
stray = sorted(n for n in names if n.startswith(("extension/src/", "extension/node_modules/", "extension/test/")))
manifest = json.loads(z.read("extension/package.json"))
grammar = json.loads(z.read("extension/dist/yard.tmLanguage.json"))
if missing or stray or grammar["scopeName"] != "source.yard" or manifest["main"] != "./dist/extension.js":
    sys.exit(f"FAIL: {sys.argv[1]}: missing {missing}, should not hold {stray}")
print(f"ok   {sys.argv[1]}: {len(names)} files, none of the sources or dependencies")
PY
echo "$VSIX: $(stat -c %s "$VSIX") bytes"
step "done"
