// What the browser tests run in the page, once as a plain <script type="module"> with an import map and
// once bundled by esbuild: load, exact numbers, a thrown YardstickError, the shipped standards.
const ARITHMETIC = `standard demo.arithmetic {
  version "1"
  input a: number unit "mg/L"
  input b: number unit "mg/L"
  input p: percent
  input q: percent range 1%..100%
  output total = a + b
  item exact { a + b == 0.3 }
}
`;

export async function run({ Yardstick, YardstickError, Exact }, standards, wasm) {
  const ys = await Yardstick.load(wasm ? { wasm } : {});
  const s = ys.compile(ARITHMETIC, 'arithmetic.yard');
  const r = s.evaluate({ inputs: { a: new Exact('12345678901234567.5'), b: new Exact('0.25'), p: 30, q: 60 } });
  const pass = s.evaluate({ inputs: { a: 0.1, b: 0.2, p: 30, q: 60 } });
  let error = null;
  try { ys.compileLibrary(standards, 'cn.nowhere'); } catch (e) {
    error = { isYardstickError: e instanceof YardstickError, code: e.code, kind: e.kind };
  }
  const docs = ys.documents(standards);
  const examples = docs.map(d => ys.compileFile(standards, d.file).examples()).flat();
  return {
    total: r.outputs.total.text,
    exact: r.outputs.total instanceof Exact,
    outcomes: [r.outcome, pass.outcome],
    error,
    documents: docs.length,
    standards: standards.length,
    examples: examples.length,
    examplesFailed: examples.filter(x => !x.passed).length,
  };
}
