#!/usr/bin/env node
// A stand-in for `yardstick lsp` (test/extension.test.mjs): writes how it was started to $FAKE_RECORD,
// then one line per message it receives; answers initialize and shutdown, and leaves on exit.
const fs = require("fs");
fs.writeFileSync(process.env.FAKE_RECORD, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), standards: process.env.YARDSTICK_STANDARDS ?? null }) + "\n");
let buf = Buffer.alloc(0);
const send = (msg) => { const b = Buffer.from(JSON.stringify(msg)); process.stdout.write(`Content-Length: ${b.length}\r\n\r\n`); process.stdout.write(b); };
process.stdin.on("data", (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf("\r\n\r\n"); if (h < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.slice(h + 4, h + 4 + len).toString()); buf = buf.slice(h + 4 + len);
    fs.appendFileSync(process.env.FAKE_RECORD, JSON.stringify({ method: msg.method ?? null, id: msg.id ?? null, params: msg.method === "textDocument/didOpen" ? msg.params : undefined }) + "\n");
    if (msg.method === "initialize") send({ jsonrpc: "2.0", id: msg.id, result: { capabilities: { textDocumentSync: 2, hoverProvider: true } } });
    else if (msg.method === "shutdown") send({ jsonrpc: "2.0", id: msg.id, result: null });
    else if (msg.method === "exit") process.exit(0);
  }
});
