// One DOM helper for the page's modules (app.js, report.js): `el(tag, attrs, ...kids)` makes an element;
// attributes that are null, undefined or false are left out, `class` and `text` set the class name and
// the text, `on…` adds a listener; kids that are null, undefined or false are skipped, arrays flattened.
export const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) e.append(k);
  return e;
};
