// Exact numbers in JavaScript. The engine writes every number of a result exactly as it holds it (`17.60`
// keeps its zero; a computed value has at most 10 decimals; up to 28 significant digits). A JS `number` is a
// binary float: it cannot hold 0.1 exactly, drops the zero of 17.60, and rounds past ~16 digits. So:
//   * a number written as an integer that is a safe integer (|n| < 2^53: counts, spans, `90`) is a `number`
//     (exact: every such integer is a float exactly);
//   * every other number (`17.60`, `9.4`, `1e3`, a huge integer) is an `Exact`: its text, as the engine
//     wrote it. `String(x)` gives the digits, `Number(x)` a float when you want one (your choice, not ours).
// `stringify` writes both kinds back exactly (assessments you send, results you store).

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const MARK = '\u0000exact';

/** A number kept as the decimal text the engine wrote (or you gave). */
export class Exact {
  /** @param {string} text a JSON number, e.g. `"17.60"` */
  constructor(text) {
    if (typeof text !== 'string' || !NUMBER.test(text)) {
      throw new TypeError(`not a JSON number: ${JSON.stringify(text)}`);
    }
    this.text = text;
    Object.freeze(this);
  }
  /** The exact digits. */
  toString() { return this.text; }
  /** A float near the value (for arithmetic and comparisons with `<`, `>`): may round. */
  valueOf() { return Number(this.text); }
  /** `JSON.stringify` writes the exact number where `JSON.rawJSON` exists (Node ≥ 21, Chrome ≥ 114),
   * else its text as a string. `stringify` below is exact everywhere. */
  toJSON() { return typeof JSON.rawJSON === 'function' ? JSON.rawJSON(this.text) : this.text; }
  [Symbol.for('nodejs.util.inspect.custom')]() { return `Exact(${this.text})`; }
}

/** Whether `v` is a number of a result: a JS `number` or an `Exact`. */
export function isNumber(v) {
  return typeof v === 'number' || v instanceof Exact;
}

// A JSON string, or a number token outside strings (JSON has no other place where digits stand).
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const INTEGER = /^-?\d+$/;

/** Parse JSON text, keeping numbers exact (see the top of this file). */
export function parse(text) {
  const marked = text.replace(TOKEN, t => {
    if (t.charCodeAt(0) === 34) return t;   // a string
    if (INTEGER.test(t) && t !== '-0' && Number.isSafeInteger(Number(t))) return t;
    return `{"\\u0000exact":"${t}"}`;
  });
  return JSON.parse(marked, (_k, v) =>
    (v !== null && typeof v === 'object' && typeof v[MARK] === 'string' ? new Exact(v[MARK]) : v));
}

/** JSON text of `value` with every number exact: an `Exact` as its digits, a `bigint` as its digits, a
 * `number` as JavaScript writes it (the shortest text that reads back as the same float: `0.1`, `93.5`).
 * A number that is not finite (NaN, Infinity) has no JSON form: a TypeError, not a silent `null`. */
export function stringify(value, space) {
  const raws = [];
  // A placeholder no string of `value` can be: it holds a nonce drawn for this call.
  const nonce = Math.random().toString(36).slice(2);
  const hold = text => { raws.push(text); return `\u0000${nonce}:${raws.length - 1}\u0000`; };
  const json = JSON.stringify(value, function (k, v) {
    const own = this[k];   // before toJSON
    if (own instanceof Exact) return hold(own.text);
    if (typeof own === 'bigint') return hold(own.toString());
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new TypeError(`${k ? `\`${k}\`: ` : ''}${v} is not a number JSON can hold`);
    }
    return v;
  }, space);
  if (raws.length === 0) return json;
  const placeholder = new RegExp(`"\\\\u0000${nonce}:(\\d+)\\\\u0000"`, 'g');
  return json.replace(placeholder, (_m, i) => raws[Number(i)]);
}
