// How the extension starts the language server: `yardstick lsp --lang en|zh`, from the settings. Kept
// apart from the VS Code API so that the tests can run it in plain Node (test/extension.test.mjs).
import * as path from "node:path";

/** The extension's settings (`yardstick.*`), as VS Code gives them (any of them may be missing). */
export interface Settings {
  path?: string;
  lang?: string;
  standards?: string;
}

/** The server process: program, arguments and environment. */
export interface ServerCommand {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
}

/** `en` or `zh`: the setting when it names one, else (`auto`, unset) from VS Code's display language. */
export function serverLang(setting: string | undefined, displayLanguage: string): "en" | "zh" {
  if (setting === "en" || setting === "zh") return setting;
  return displayLanguage.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** `${workspaceFolder}` replaced by the first workspace folder (left as it is when there is none). */
export function expandFolder(value: string, folder: string | undefined): string {
  return folder === undefined ? value : value.split("${workspaceFolder}").join(folder);
}

/**
 * The command line of the server for these settings. `yardstick.path` empty or unset is `yardstick`
 * (found on PATH); `yardstick.standards`, when set, becomes `YARDSTICK_STANDARDS`, resolved against the
 * workspace folder; the rest of the environment is the extension host's.
 */
export function serverCommand(
  settings: Settings,
  displayLanguage: string,
  folder: string | undefined,
  env: Record<string, string | undefined>,
): ServerCommand {
  const program = expandFolder((settings.path ?? "").trim(), folder) || "yardstick";
  const args = ["lsp", "--lang", serverLang(settings.lang, displayLanguage)];
  const out: Record<string, string | undefined> = { ...env };
  const standards = expandFolder((settings.standards ?? "").trim(), folder);
  if (standards !== "") {
    out.YARDSTICK_STANDARDS = folder === undefined ? standards : path.resolve(folder, standards);
  }
  return { command: program, args, env: out };
}
