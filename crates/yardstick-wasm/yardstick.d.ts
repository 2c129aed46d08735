// The JSON contract of Yardstick (docs/json.md), generated from the facade's types by
// `yardstick schema --typescript`. Do not edit: a test compares this file with the generator.

/** One comparison: value, threshold, margin, clause and source. */
export interface Check {
  en: string;
  /** A ladder row's group: its short (Chinese) label, else its name. */
  group: string | null;
  /**
   * That group in both languages: `zh` its Chinese or short label, `en` its English label, else its
   * name; `null` outside a group.
   */
  group_labels: Labels | null;
  holds: boolean | null;
  labels: Labels | null;
  level: string | null;
  /** How far the value is from the threshold, in its unit. */
  margin: ExactNumber | null;
  multiple: Value | null;
  /** `>=`, `<`, `==` … */
  op: string;
  percent: boolean;
  source: Source | null;
  span: Span | null;
  subject: string | null;
  threshold: Value;
  unit: string | null;
  /**
   * The unit in both languages (`zh` from the catalogue's table of units, `en` as written); `null`
   * without a unit.
   */
  unit_labels: Labels | null;
  value: Value;
  zh: string;
}

/** One value of an enum input. */
export interface Choice {
  /**
   * The language gives a value one short label (`county_level "县级"`), its Chinese label: `en` is
   * `null` (show the name).
   */
  labels: Labels;
  /** The name, as an assessment gives it. */
  value: string;
}

/** One part of a weighted score. */
export interface Contribution {
  name: string;
  points: ExactNumber | null;
  value: ExactNumber | null;
  weight: ExactNumber | null;
}

/** A definition that could not be computed (Y0601 division by zero, Y0602 overflow, Y0603 ∞ − ∞). */
export interface DefinitionError {
  code: string;
  def: string;
  en: string;
  span: Span | null;
  zh: string;
}

/** A document of a library (`documents`). Dates are `YYYY-MM-DD`. */
export interface DocumentInfo {
  file: string;
  from: string | null;
  id: string;
  status: string | null;
  /** The document's own title, read without compiling; `null` for an overlay without one. */
  title: Labels | null;
  until: string | null;
  version: string;
}

/** A document's effective window. */
export interface Effective {
  from: string | null;
  note: string | null;
  until: string | null;
}

/** Any error, as the JSON contract gives it (`yardstick … --format json`, the WASM build). */
export interface ErrorReport {
  /**
   * A stable code: the first problem's, Y07xx for assessments, Y08xx for finding a standard, Y06xx for
   * evaluation, Y0090 for files.
   */
  code: string;
  contract: number;
  en: string;
  /** The problems of the assessment (`assessment`). */
  inputs?: InputError[];
  /** `problems` (the standard has errors), `io`, `not_found`, `assessment`, `evaluation`, `argument`. */
  kind: string;
  /** The problems of the standard (`problems`). */
  problems?: Problem[];
  zh: string;
}

/** The result of evaluating one assessment. */
export interface Evaluation {
  /** The assessment's `as_of`, echoed. */
  as_of: string | null;
  /** [`CONTRACT_VERSION`]. */
  contract: number;
  /** Definitions that could not be computed (the first 50). */
  errors: DefinitionError[];
  /** How many more than `errors` lists. */
  errors_more: number;
  /** Every failing own item and own ladder at its `below` level, in writing order. */
  failing: string[];
  /** Smallest single-input changes that pass a failing item or reach a better band, each verified. */
  fixes: Fix[];
  /** `false` when the search for fixes stopped at its budget. */
  fixes_complete: boolean;
  /** The band of the document's first grade (`None` without a grade, or when it is missing). */
  grade: string | null;
  /** That band's labels. */
  grade_labels: Labels | null;
  /**
   * Items and ladders, own first, then those of used standards (with their `path`): the summary, or
   * with [`Options::explain`] every definition with its explanation.
   */
  items: Item[];
  /** Inputs without an answer, in input order. */
  missing: string[];
  /** One note per search that stopped at its budget. */
  notes: Note[];
  outcome: Outcome;
  /** Every `output`, level ladder, score and grade of the document: id → value. */
  outputs: Record<string, Value>;
  /** Best and worst with answers missing; `None` when nothing own is undecided. */
  partial: Partial | null;
  /** The document evaluated. */
  standard: StandardInfo;
  /** Failing veto items (in `basic`), in writing order. */
  vetoed_by: string[];
}

/** An exact decimal (at most 28 significant digits), written with the digits it holds; read it as a decimal, not a float, to keep them */
export type ExactNumber = number;

/** The result of one example. */
export interface ExampleResult {
  /** Failed expectations: (what, expected, actual, place "file:line:col"). */
  failures: Mismatch[];
  name: string;
  /** No expectation failed. */
  passed: boolean;
}

/** One input change that passes a failing item or ladder, or reaches a better band of a grade. */
export interface Fix {
  en: string;
  from: Value;
  input: string;
  /** The item, ladder or grade. */
  item: string;
  /** `pass`, or the band reached. */
  reaches: string;
  to: Value;
  zh: string;
}

/** What a form needs to ask for a standard's inputs (`yardstick schema --form`, the calculator). */
export interface Form {
  effective: Effective;
  hash: string;
  id: string;
  inputs: FormInput[];
  lineage: string[];
  /** The document's own sections (and those of the documents it extends). */
  sections: FormSection[];
  source: Source | null;
  /** `draft`, `accepted`, `superseded`, `obsolete`. */
  status: string | null;
  title: Labels;
  /**
   * The sections of the standards brought in by `use`, by full id (`pests.criteria`), in order. Their
   * `veto` says whether they are `basic` in the used standard.
   */
  used_sections: FormSection[];
  version: string;
}

/** One input to ask for. */
export interface FormInput {
  /** For an enum input: each name with its labels, in the order of `values`. */
  choices: Choice[] | null;
  /** The innermost group's full id (`pests.fly`). */
  group: string | null;
  /** That group's labels (its short label is the Chinese one); `null` without a group. */
  group_labels: Labels | null;
  help: Labels;
  /** The full dotted id, as assessments give it. */
  id: string;
  labels: Labels;
  /** The length of a series. */
  length: number | null;
  max: ExactNumber | null;
  min: ExactNumber | null;
  /**
   * The comparisons of items and ladders that read this input directly against a constant, in the
   * order written (at most 16, `MAX_REQUIREMENTS_PER_INPUT`): what to show beside the question.
   */
  requirements: Requirement[];
  section: string | null;
  source: Source | null;
  /** `bool`, `count`, `percent`, `number`, `enum`, `date`, `series of …`. */
  type: string;
  unit: string | null;
  /**
   * The unit in both languages: `zh` from the catalogue's table of units (`只/间` for `flies/room`;
   * `%` for percent), `null` for a unit the table lacks; `en` as written. `null` without a unit.
   */
  unit_labels: Labels | null;
  /** The names an enum input takes. */
  values: string[] | null;
}

/** A section of a standard. */
export interface FormSection {
  id: string;
  labels: Labels;
  /** Items in it veto the standard (`basic`). */
  veto: boolean;
}

/** `format`: the canonical text, or the syntax problems that stop formatting. */
export interface FormatResult {
  ok: boolean;
  problems?: Problem[] | null;
  text?: string | null;
}

/** One problem with an assessment: which input, why, in both languages, with a stable code. */
export interface InputError {
  /** Y07xx (docs/json.md §1.2). */
  code: string;
  /** An input id, a field of the assessment, a `require` rule's id, or empty for the whole text. */
  input: string;
  reason: string;
  reason_zh: string;
}

/** One item, ladder or (explained) definition of a result. */
export interface Item {
  checks?: Check[];
  clause?: string | null;
  contributions?: Contribution[];
  en?: string;
  /** Set when it could not be computed. */
  error?: ItemError | null;
  id: string;
  /** `item`, `levels`, `score`, `grade`, `value` … */
  kind: string;
  labels?: Labels;
  /** How many times its limit the worst value is. */
  multiple?: Value | null;
  multiple_text?: string | null;
  /** For items and ladders (a ladder fails at its `below` level); `None` for values. */
  outcome: Outcome | null;
  /**
   * For an item of a used standard, the names it is reached through (`["pests"]` for `pests.fly`);
   * empty for the document's own.
   */
  path?: string[];
  section?: string | null;
  source?: Source | null;
  span?: Span | null;
  value?: Value;
  /** For a grade, the labels of the band it is in. */
  value_labels?: Labels | null;
  /** The value as the standard's explanations write it (`1.96`, `9.1%`). */
  value_text?: string;
  /** The same in Chinese (`是`/`否` for yes/no, `未填写` for missing). */
  value_text_zh?: string;
  /** A veto item (inside `basic`). */
  veto?: boolean;
  zh?: string;
}

/** A definition that could not be computed, as shown on its item. */
export interface ItemError {
  code: string;
  span: Span | null;
}

/** Labels in both languages (either may be absent; the id stands in). */
export interface Labels {
  en: string | null;
  zh: string | null;
}

/** One document of a library as a binding passes it: its name (shown in spans) and its text. */
export interface LibraryDocument {
  name: string;
  text: string;
}

/** One expectation that did not hold. */
export interface Mismatch {
  actual: string;
  /** `actual` in Chinese where it is a sentence; absent where it is a value (the same in both). */
  actual_zh?: string;
  at: string;
  expected: string;
  /** `expected` in Chinese where it is a sentence; absent where it is a value (the same in both). */
  expected_zh?: string;
  what: string;
  /** `what` in Chinese where it is words (`条目 x`); absent where it is the same as `what`. */
  what_zh?: string;
}

/** A note on a result (a search that stopped at its budget). */
export interface Note {
  /** `fixes_incomplete`, `partial_incomplete`. */
  code: string;
  en: string;
  zh: string;
}

/** The outcome of an item, a ladder, or the whole standard. */
export type Outcome = "pass" | "fail" | "unknown" | "not_applicable";

/** Best and worst with answers missing. */
export interface Partial {
  /** The missing inputs that decide the result, most decisive first. */
  ask_next: string[];
  best: Outcome;
  /** `false` when the search stopped at its budget. */
  complete: boolean;
  /** Per own grade and ladder. */
  outputs: Record<string, Range>;
  worst: Outcome;
}

/** One problem in a document: a syntax error or a checker finding. */
export interface Problem {
  code: string;
  /** 1-based column, in characters. */
  column: number;
  end: number;
  file: string;
  help: string | null;
  /** The help in Chinese (present exactly when `help` is). */
  help_zh: string | null;
  label: string;
  /** The label in Chinese. */
  label_zh: string;
  /** 1-based line. */
  line: number;
  message: string;
  /** The message in Chinese. */
  message_zh: string;
  related: RelatedPlace[];
  /** `error` or `warning`. */
  severity: string;
  /** Byte range `[start, end)`. */
  start: number;
  /** The text under the span. */
  text: string;
}

/** The best and worst band or level still reachable. */
export interface Range {
  best: string | null;
  worst: string | null;
}

/** A secondary place with its own message. */
export interface RelatedPlace {
  /** 1-based column, in characters. */
  column: number;
  end: number;
  file: string;
  /** 1-based line. */
  line: number;
  message: string;
  /** The message in Chinese. */
  message_zh: string;
  /** Byte range `[start, end)`. */
  start: number;
  /** The text under the span. */
  text: string;
}

/**
 * A requirement on one input: a comparison of an item or a ladder row reading the input directly
 * against a constant (`satisfaction >= 90%`, `flies_per_positive_room <= [3, 3, 3]` gives one per level).
 */
export interface Requirement {
  clause: string | null;
  /** `≥ 90%`, `≤ 3 flies/room (level B)`. */
  en: string;
  /** The item or ladder it belongs to (full id). */
  item: string;
  item_labels: Labels;
  /** For a ladder row: the level this threshold is for. */
  level: string | null;
  /** `>=`, `<`, `==` … */
  op: string;
  percent: boolean;
  source: Source | null;
  threshold: Value;
  unit: string | null;
  unit_labels: Labels | null;
  /** `≥ 90%`, `≤ 3 只/间（B 级）`. */
  zh: string;
}

/** Where a threshold or document comes from, with its confidence tier (A–D). */
export interface Source {
  /** The author's note, as written (in English in the shipped standards). */
  note: string | null;
  /**
   * The note in Chinese, when it is made wholly of the catalogue's fixed phrases (`unverified` →
   * `未经核实`, `unverified; strict comparator` → `未经核实；严格比较（不含等号）`); `null` for any other
   * note, which is shown as written.
   */
  note_zh: string | null;
  source: string;
  tier: string | null;
}

/** A place in a standard's text: file, 1-based line and column (in characters), byte range. */
export interface Span {
  column: number;
  end: number;
  file: string;
  line: number;
  start: number;
}

/** The document evaluated. */
export interface StandardInfo {
  /** SHA-256 (hex) of the texts of every document that went into it. */
  hash: string;
  id: string;
  /** `id@version` of those documents, this one first, then what it extends and uses. */
  lineage: string[];
  version: string;
}

/** A value: an exact number; "infinite" or "-infinite" (a multiple over a zero limit); true or false; a name or a date YYYY-MM-DD; a series of numbers, oldest first; null when missing or not applicable */
export type Value = ExactNumber | boolean | string | ExactNumber[] | null;

/** What every export throws: a JavaScript `Error` carrying an `ErrorReport` as properties, and as JSON
* text in `data`. `kind` `"trap"` comes only from web/src/engine.js: the engine itself failed and was
* restarted (docs/json.md §9). */
export interface YardstickError extends Error, Omit<ErrorReport, "kind"> {
  name: "YardstickError";
  kind: ErrorReport["kind"] | "trap";
  data: string;
}
