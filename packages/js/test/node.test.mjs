// Tests of the INSTALLED package (scripts/packages-test.sh packs it, installs the tarball into a scratch
// project and runs this file there with `node --test`): the Node entry, exact numbers, errors, the
// shipped standards, and equality with the native CLI (YARDSTICK_BIN, run on the repository's examples).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// Node must read the .wasm from the package's file: no fetch at all.
const realFetch = globalThis.fetch;
globalThis.fetch = () => { throw new Error('the Node entry must not fetch'); };
const ys = await import('yardstick-standards');
const { Yardstick, YardstickError, Exact, isNumber, parse, stringify } = ys;
const { default: standards } = await import('yardstick-standards/standards');
const engine = await Yardstick.load();
globalThis.fetch = realFetch;

const ARITHMETIC = `standard demo.arithmetic {
  version "1"
  input a: number unit "mg/L"
  input b: number unit "mg/L"
  input p: percent
  input q: percent range 1%..100%
  output total = a + b
  output ratio = p / q
  item exact { a + b == 0.3 }
}
`;

test('the package resolves to its Node entry and ships its files', () => {
  const require = createRequire(import.meta.url);
  const main = require.resolve('yardstick-standards/package.json');
  const dir = path.dirname(main);
  assert.ok(fs.realpathSync(dir).includes('node_modules'), `installed, not linked: ${dir}`);
  const pkg = JSON.parse(fs.readFileSync(main, 'utf8'));
  assert.equal(pkg.exports['.'].node, './dist/node.js');
  for (const f of ['dist/index.d.ts', 'dist/contract.d.ts', 'dist/standards.d.ts', 'dist/pkg/yardstick_wasm_bg.wasm']) {
    assert.ok(fs.existsSync(path.join(dir, f)), f);
  }
  const contract = fs.readFileSync(path.join(dir, 'dist/contract.d.ts'), 'utf8');
  assert.match(contract, /export interface Evaluation \{/);
  assert.match(contract, /export type ExactNumber = number \| import\('\.\/index\.js'\)\.Exact;/);
});

test('load is once: the same engine every time', async () => {
  assert.equal(await Yardstick.load(), engine);
  assert.throws(() => new Yardstick(), TypeError);
});

test('0.1 + 0.2 is 0.3 exactly, and decimals keep their digits', () => {
  const s = engine.compile(ARITHMETIC, 'arithmetic.yard');
  assert.equal(s.id, 'demo.arithmetic');
  assert.equal(s.version, '1');
  assert.match(s.hash, /^[0-9a-f]{64}$/);
  const r = s.evaluate({ standard: 'demo.arithmetic', inputs: { a: 0.1, b: 0.2, p: 30, q: 60 } });
  assert.equal(r.outcome, 'pass');
  assert.ok(r.outputs.total instanceof Exact);
  assert.equal(String(r.outputs.total), '0.3');
  // The digits the engine holds (30 / 60 at its scale), not a float's shortest form.
  assert.equal(r.outputs.ratio.text, '0.50');
  assert.equal(r.contract, 1);          // a safe integer is a plain number
  assert.ok(isNumber(r.outputs.total) && isNumber(r.contract) && !isNumber('0.3'));
});

test('digits past a float are kept both ways (an Exact in, an Exact out)', () => {
  const s = engine.compile(ARITHMETIC);
  // 19 significant digits: a float holds about 16 (12345678901234567.75 would read as ...568).
  const a = new Exact('12345678901234567.5');
  const r = s.evaluate({ standard: 'demo.arithmetic', inputs: { a, b: new Exact('0.25'), p: 30, q: 60 } });
  assert.equal(r.outputs.total.text, '12345678901234567.75');
  assert.notEqual(String(Number(r.outputs.total.text)), '12345678901234567.75');
  assert.equal(r.outcome, 'fail');
  // Ten decimals of an input are kept (computed values are written with at most 10: docs/json.md §2).
  const tiny = s.evaluate({ inputs: { a: new Exact('0.1000000001'), b: new Exact('0.2000000002'), p: 30, q: 60 } });
  assert.equal(tiny.outputs.total.text, '0.3000000003');
  // The float mode is what it says: plain numbers, rounded (…567.75 is the float …568).
  const f = s.evaluate({ standard: 'demo.arithmetic', inputs: { a, b: new Exact('0.25'), p: 30, q: 60 } }, { numbers: 'float' });
  assert.equal(typeof f.outputs.total, 'number');
  assert.equal(f.outputs.total, 12345678901234568);
  assert.throws(() => s.evaluate({ inputs: {} }, { numbers: 'decimal' }), TypeError);
});

test('parse and stringify keep every number exact', () => {
  const text = '{"a":17.60,"b":[1,2.5,-0,12345678901234567890123],"s":"1.50 \\" 2.0","n":null,"e":1e3}';
  const v = parse(text);
  assert.equal(v.a.text, '17.60');
  assert.equal(v.b[0], 1);
  assert.equal(v.b[3].text, '12345678901234567890123');
  assert.equal(v.s, '1.50 " 2.0');
  assert.equal(stringify(v), text);
  assert.equal(stringify({ x: 10n, y: 0.1 }), '{"x":10,"y":0.1}');
  assert.throws(() => stringify({ x: NaN }), TypeError);
  assert.throws(() => new Exact('1,5'), TypeError);
  assert.equal(Number(new Exact('2.50')) + 1, 3.5);
});

test('an assessment as JSON text is passed as written', () => {
  const s = engine.compile(ARITHMETIC);
  const t = s.evaluateText('{"standard":"demo.arithmetic","inputs":{"a":0.10,"b":0.20,"p":30,"q":60}}');
  assert.match(t, /"total":\s*0\.30/);
  assert.equal(String(s.evaluate('{"inputs":{"a":0.10,"b":0.20,"p":30,"q":60}}').outputs.total), '0.30');
});

test('errors are YardstickErrors with code, kind, problems and inputs', () => {
  let e = catchError(() => engine.compile('standard broken {', 'broken.yard'));
  assert.ok(e instanceof YardstickError && e instanceof Error);
  assert.equal(e.name, 'YardstickError');
  assert.equal(e.kind, 'problems');
  assert.match(e.code, /^Y0\d{3}$/);
  assert.ok(e.problems.length > 0);
  assert.equal(e.problems[0].file, 'broken.yard');
  assert.equal(e.problems[0].line, 1);
  assert.ok(e.zh && e.en);

  const s = engine.compile(ARITHMETIC);
  e = catchError(() => s.evaluate({ inputs: { a: 'much', b: 0.2, p: 30, q: 0 } }));
  assert.equal(e.kind, 'assessment');
  assert.match(e.code, /^Y07\d\d$/);
  assert.deepEqual(e.inputs.map(i => i.input).sort(), ['a', 'q']);
  assert.ok(e.inputs.every(i => /^Y07\d\d$/.test(i.code)));

  e = catchError(() => engine.compileLibrary(standards, 'cn.nowhere'));
  assert.equal(e.kind, 'not_found');
  assert.equal(e.code, 'Y0801');
});

test('check, format and schema', () => {
  assert.deepEqual(engine.check(ARITHMETIC, 'a.yard'), []);
  const problems = engine.check('standard x {\n  version "1"\n  item a { missing_input }\n}\n', 'x.yard');
  assert.ok(problems.length > 0 && problems.every(p => /^Y\d{4}$/.test(p.code)));
  const f = engine.format('standard demo.f {\n version "1"\n     input x: bool\n item a { x }\n}\n');
  assert.equal(f.ok, true);
  assert.match(f.text, /^standard demo\.f \{\n  version "1"\n/);
  const form = engine.schema(ARITHMETIC);
  assert.deepEqual(form.inputs.map(i => i.id), ['a', 'b', 'p', 'q']);
  assert.equal(String(form.inputs[3].min), '1');
});

test('the shipped standards: every document, and every example of each passes', () => {
  assert.ok(Array.isArray(standards) && standards.length > 0);
  assert.ok(standards.every(d => d.name.startsWith('standards/') && d.name.endsWith('.yard') && d.text.length > 0));
  const docs = engine.documents(standards);
  assert.equal(docs.length, standards.length);
  for (const d of docs) {
    const s = engine.compileFile(standards, d.file);
    const ex = s.examples();
    assert.ok(ex.every(x => x.passed), `${d.file}: ${JSON.stringify(ex.filter(x => !x.passed))}`);
    s.free();
  }
});

// The same results as the native CLI for every example assessment of the repository (byte for byte
// after reading both exactly), so hashes, spans and numbers agree.
const bin = process.env.YARDSTICK_BIN;
const examples = process.env.YARDSTICK_EXAMPLES;
test('the same results as `yardstick eval --format json --explain`', () => {
  assert.ok(bin && examples, 'scripts/packages-test.sh sets YARDSTICK_BIN and YARDSTICK_EXAMPLES');
  const files = fs.readdirSync(examples).filter(f => f.endsWith('.json')).sort();
  assert.ok(files.length >= 5, `${files.length} examples`);
  let compared = 0;
  for (const f of files) {
    const a = fs.readFileSync(path.join(examples, f), 'utf8');
    let cli;
    try {
      cli = execFileSync(bin, ['eval', path.join(examples, f), '--format', 'json', '--explain'],
        { cwd: fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'ys-cli-')), encoding: 'utf8' });
    } catch (e) {
      cli = e.stdout;   // exit 1: an error report, or definitions that could not be computed
    }
    const want = parse(cli);
    if (want.kind) {   // an ErrorReport: the package throws the same code
      const e = catchError(() => {
        const h = parse(a);
        return engine.compileLibrary(standards, h.standard, h.version, h.as_of).evaluate(a, { explain: true });
      });
      assert.equal(e?.code, want.code, f);
    } else {
      const h = parse(a);
      const s = engine.compileLibrary(standards, h.standard, h.version, h.as_of);
      assert.equal(stringify(s.evaluate(a, { explain: true })), stringify(want), f);
      s.free();
    }
    compared++;
  }
  assert.equal(compared, files.length);
});

function catchError(fn) {
  try { fn(); } catch (e) { return e; }
  assert.fail('expected an error');
}
