// Type-checked (tsc --noEmit --strict) against the INSTALLED package by scripts/packages-test.sh: the
// declarations resolve through `exports` (conditions `types`, `node`) and describe the API as used.
import {
  Yardstick, YardstickError, Exact, isNumber, parse, stringify,
  type Evaluation, type Form, type Problem, type Standard, type Value, type ExactNumber, type LibraryDocument,
} from 'yardstick-standards';
import standards from 'yardstick-standards/standards';

const docs: LibraryDocument[] = standards;
const ys: Yardstick = await Yardstick.load({ wasm: new Uint8Array(0) });
const s: Standard = ys.compileLibrary(docs, 'cn.vector.fly', null, '2020-06-01');
const r: Evaluation = s.evaluate({ inputs: { room_positive_rate: new Exact('2.5') } }, { explain: true });
const outcome: 'pass' | 'fail' | 'unknown' | 'not_applicable' = r.outcome;
const level: Value | undefined = r.outputs['level'];
const n: ExactNumber | null = r.fixes[0]?.to !== undefined && isNumber(r.fixes[0].to) ? r.fixes[0].to : null;
const digits: string | null = n === null ? null : String(n);
const text: string = s.evaluateText('{"inputs": {}}');
const form: Form = s.schema();
const problems: Problem[] = ys.check('standard x {}', 'x.yard');
const formatted: string | null | undefined = ys.format('standard x {}').text;
try { ys.compile('standard broken {'); } catch (e) {
  if (e instanceof YardstickError) {
    const code: string = e.code;
    const first: Problem | undefined = e.problems[0];
    const bad = e.inputs.map(i => i.code);
    console.log(code, first, bad, e.kind === 'trap');
  }
}
console.log(outcome, level, digits, text, form.inputs.length, problems, formatted, stringify(parse(text)), s.id, s.hash);
// @ts-expect-error: a Yardstick comes from `load`, not `new`
new Yardstick();
