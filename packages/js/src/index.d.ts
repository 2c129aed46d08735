// yardstick-standards: the API (src/core.js). The contract's types (`Evaluation`, `Form`, `Problem`, …) are
// generated from the engine's own types (`yardstick schema --typescript`), with `ExactNumber` widened to
// `number | Exact` (see `Exact`).
import type {
  DocumentInfo, ErrorReport, Evaluation, ExampleResult, Form, FormatResult, InputError, LibraryDocument,
  Problem,
} from './contract.js';

export * from './contract.js';

/** A number kept as the decimal text the engine wrote: `String(x)` is exact, `Number(x)` a float. */
export declare class Exact {
  /** @param text a JSON number, e.g. `"17.60"` (anything else throws a TypeError) */
  constructor(text: string);
  /** The exact digits, e.g. `"17.60"`. */
  readonly text: string;
  toString(): string;
  /** A float near the value (may round). */
  valueOf(): number;
  toJSON(): unknown;
}

/** Whether a value of a result is a number (a JS `number` or an `Exact`). */
export declare function isNumber(v: unknown): v is number | Exact;
/** Parse JSON text with exact numbers: safe integers as `number`, every other number as `Exact`. */
export declare function parse(text: string): any;
/** JSON text with every number exact (`Exact`, `bigint`, `number`); throws a TypeError for NaN or ±Infinity. */
export declare function stringify(value: unknown, space?: string | number): string;

/** What every method throws for a problem of its input; `kind` `"trap"`: the engine failed and was restarted. */
export declare class YardstickError extends Error {
  name: 'YardstickError';
  kind: ErrorReport['kind'] | 'trap';
  /** A stable code: `Y0801`, `Y0705`, … (docs/json.md §10), or `"trap"`. */
  code: string;
  en: string;
  zh: string;
  /** The standard's problems (`kind: "problems"`). */
  problems: Problem[];
  /** The assessment's problems (`kind: "assessment"`). */
  inputs: InputError[];
  /** With `kind: "trap"`: whether the engine was restarted already. */
  restarted?: boolean;
}

/** How numbers of a result come back: `"exact"` (default) or `"float"` (plain `JSON.parse`: may round). */
export type Numbers = 'exact' | 'float';

/** An assessment: `{ standard, version?, as_of?, inputs: { id: answer } }` (docs/json.md §1). */
export type Assessment = Record<string, unknown> | string;

/** A library: documents `{ name, text }` (e.g. `yardstick-standards/standards`), or their JSON text. */
export type Library = readonly LibraryDocument[] | string;

export declare class Standard {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  evaluate(assessment: Assessment, options?: { explain?: boolean; numbers?: Numbers }): Evaluation;
  evaluateText(assessment: Assessment, options?: { explain?: boolean }): string;
  schema(options?: { numbers?: Numbers }): Form;
  examples(): ExampleResult[];
  warnings(): Problem[];
  free(): void;
}

export interface LoadOptions {
  /** The engine's .wasm: a URL or (Node) a path, its bytes, or a compiled module. Default: the shipped file. */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
}

export declare class Yardstick {
  private constructor();
  /** Load the engine (once per realm; later calls return the same instance). */
  static load(options?: LoadOptions): Promise<Yardstick>;
  compile(source: string, name?: string): Standard;
  compileLibrary(docs: Library, id: string, version?: string | null, asOf?: string | null): Standard;
  compileFile(docs: Library, file: string): Standard;
  documents(docs: Library): DocumentInfo[];
  check(source: string, name?: string): Problem[];
  checkInLibrary(docs: Library, file: string): Problem[];
  format(source: string): FormatResult;
  schema(source: string, name?: string): Form;
}
