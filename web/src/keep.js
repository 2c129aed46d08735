// Nothing lost: drafts kept in this browser (localStorage), author edits kept across reloads, and share
// links that carry a checksum (a truncated or altered link is reported, never half-used) and, when the
// standard was edited, its text (deflate-raw, base64url). Pure helpers: no DOM, no engine.

/** Limits (characters or bytes), each with a test in web/tests/browser.mjs. */
export const LIMITS = {
  /** The longest share link's fragment we make: messengers and mail clients cut longer ones. */
  linkChars: 16_000,
  /** The largest edited standard text a link may carry, decompressed (bytes). */
  linkTextBytes: 256 * 1024,
  /** Drafts kept; the oldest go first. */
  drafts: 40,
};

const DRAFT = 'yardstick.draft.';
const EDITS = 'yardstick.edits';

function store() {
  try { return window.localStorage; } catch { return null; }
}

// ------------------------------------------------------------------------------------------ drafts
/** The draft of a standard version: {values, details, saved} or null. */
export function readDraft(id, version) {
  const s = store();
  if (!s) return null;
  try {
    const d = JSON.parse(s.getItem(DRAFT + id + '@' + version) || 'null');
    return d && typeof d === 'object' && d.values && typeof d.values === 'object' ? d : null;
  } catch { return null; }
}

/** Keep the answers of a standard version (an empty set of answers removes the draft). */
export function writeDraft(id, version, values, details = null) {
  const s = store();
  if (!s) return false;
  const key = DRAFT + id + '@' + version;
  const answered = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  try {
    if (!Object.keys(answered).length && !details) { s.removeItem(key); return true; }
    s.setItem(key, JSON.stringify({ values: answered, details, saved: new Date().toISOString() }));
    // Keep at most LIMITS.drafts drafts: drop the oldest.
    const keys = [];
    for (let i = 0; i < s.length; i++) { const k = s.key(i); if (k && k.startsWith(DRAFT)) keys.push(k); }
    if (keys.length > LIMITS.drafts) {
      const dated = keys.map(k => { try { return [k, JSON.parse(s.getItem(k)).saved || '']; } catch { return [k, '']; } });
      dated.sort((a, b) => (a[1] < b[1] ? -1 : 1));
      for (const [k] of dated.slice(0, keys.length - LIMITS.drafts)) s.removeItem(k);
    }
    return true;
  } catch { return false; }   // full or forbidden: the page goes on, the URL still holds the answers
}

export function removeDraft(id, version) {
  try { store()?.removeItem(DRAFT + id + '@' + version); } catch { /* nothing kept */ }
}

// ------------------------------------------------------------------------------------ author edits
/** Edited texts by file name, as kept by the last visit: {file: {text, saved}}. */
export function readEdits() {
  try {
    const e = JSON.parse(store()?.getItem(EDITS) || '{}');
    return e && typeof e === 'object' ? e : {};
  } catch { return {}; }
}

/** Keep the edited texts (a Map file -> text); `saved` is the set of files downloaded since the last edit. */
export function writeEdits(edits, saved) {
  const s = store();
  if (!s) return false;
  try {
    if (!edits.size) { s.removeItem(EDITS); return true; }
    const o = {};
    for (const [f, text] of edits) o[f] = { text, saved: saved.has(f) };
    s.setItem(EDITS, JSON.stringify(o));
    return true;
  } catch { return false; }
}

// ---------------------------------------------------------------------------------------- links
/** CRC-32 (IEEE) of a string's UTF-8 bytes, as 8 hex digits. */
export function crc32(text) {
  let c, crc = 0xffffffff;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

export function b64urlEncodeBytes(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function b64urlDecodeBytes(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, c => c.charCodeAt(0));
}
export const b64urlEncode = text => b64urlEncodeBytes(new TextEncoder().encode(text));
export const b64urlDecode = s => new TextDecoder('utf-8', { fatal: true }).decode(b64urlDecodeBytes(s));

/** The fragment for the given parameters: `c=` (the checksum of the rest) first, so a cut is seen. */
export function makeFragment(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, v);
  const body = p.toString();
  return '#c=' + crc32(body) + (body ? '&' + body : '');
}

/** Read a fragment: {params, problem}; problem is null, 'checksum' (cut or altered) or 'encoding'. A
 * fragment without `c=` (typed by hand, or an older link) is read as it is. */
export function parseFragment(hash) {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { params: {}, problem: null, checked: false };
  let p;
  try { p = new URLSearchParams(raw); } catch { return { params: {}, problem: 'encoding', checked: false }; }
  const params = {};
  for (const [k, v] of p) if (k !== 'c') params[k] = v;
  if (!p.has('c')) return { params, problem: null, checked: false };
  const body = raw.replace(/^c=[^&]*&?/, '');
  if (!raw.startsWith('c=') || p.get('c') !== crc32(body)) return { params, problem: 'checksum', checked: true };
  return { params, problem: null, checked: true };
}

/** Deflate a text for a link (base64url), or null when the browser cannot compress. */
export async function packText(text) {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return b64urlEncodeBytes(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** Inflate a link's text, refusing more than LIMITS.linkTextBytes (a small link can inflate to gigabytes). */
export async function unpackText(packed) {
  if (typeof DecompressionStream === 'undefined') throw new Error('this browser cannot read compressed text');
  const stream = new Blob([b64urlDecodeBytes(packed)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > LIMITS.linkTextBytes) { await reader.cancel(); throw new Error('too large'); }
    parts.push(value);
  }
  const all = new Uint8Array(n);
  let at = 0;
  for (const x of parts) { all.set(x, at); at += x.length; }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}
