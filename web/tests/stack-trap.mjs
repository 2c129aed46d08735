// Stack overflows at every point of an engine call, for the recovery tests (recover.mjs in Node,
// browser.mjs in Chromium, where it runs in the page from this function's source: keep it self-contained).
//
// `call()` calls the engine and returns its text. It is run at the bottom of a JavaScript recursion of
// depth d, for d walking down from twice the deepest depth the stack allows: first the stack ends in the
// recursion itself, then somewhere inside the call (the wrapper, the glue, the engine's wasm frames), then
// the call fits. After every failure `call()` runs again at the normal depth and must give the right
// answer: whatever point the overflow hit, the module is never left dead. Returns
// {tries, failures, traps, inWasm, wrong, sample}: `traps` counts coded `trap` errors, `inWasm` those
// whose cause was thrown from the engine's wasm frames, `wrong` the calls after a failure (the next that
// fits, the next at normal depth after a trap, and a last one) that did not give the right answer. Where
// exactly the stack ends depends on the JIT, so which kinds occur varies from run to run; `wrong` must be
// 0 in every run.
export function stackSweep(call, { successes = 12 } = {}) {
  const good = call();
  const deep = n => (n === 0 ? call() : deep(n - 1) + '');
  let max = 0;
  const probe = n => { max = n; probe(n + 1); };
  try { probe(0); } catch { /* the depth at which the stack ends */ }
  const step = Math.max(1, Math.floor(max / 400));
  const out = { max, step, tries: 0, failures: 0, traps: 0, inWasm: 0, wrong: 0, sample: null };
  let ok = 0;
  for (let d = 2 * max; d > 0 && ok < successes; d -= step) {   // from surely too deep
    out.tries++;
    let e = null, r;
    try { r = deep(d); ok++; } catch (x) { e = x; }
    if (!e) { if (r !== good) out.wrong++; continue; }   // the failures before it did not break the module
    out.failures++;
    if (e.code === 'trap') {
      out.traps++;
      const stack = String(e.cause && e.cause.stack);
      if (/wasm-function|wasm:\/\//.test(stack)) {
        out.inWasm++;
        out.sample ??= {
          d, code: e.code, kind: e.kind, name: e.name, restarted: e.restarted,
          cause: `${e.cause.name}: ${e.cause.message}`, causeIsRangeError: e.cause instanceof RangeError,
          stack: stack.split('\n').slice(0, 3).join(' | '),
        };
      }
      let again;
      try { again = call(); } catch (x) { again = x; }
      if (again !== good) out.wrong++;
    }
  }
  let last;
  try { last = call(); } catch (x) { last = x; }
  if (last !== good) out.wrong++;
  return out;
}
