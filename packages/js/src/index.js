// yardstick-standards in a browser (with or without a bundler) and any other JavaScript runtime: the .wasm
// is fetched from beside this module (`new URL('./pkg/yardstick_wasm_bg.wasm', import.meta.url)`, which
// Vite and webpack follow) unless `Yardstick.load({ wasm })` names it. Node takes ./node.js instead
// (package.json `exports`, condition `node`).
export * from './core.js';
