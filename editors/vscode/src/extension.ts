// The Yardstick extension: the language (highlighting and editing rules come from package.json) and a
// language client that starts `yardstick lsp` over standard input and output.
// `import … = require`: the editor's own module, loaded as it is (no interop wrapper around it).
import vscode = require("vscode");
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { serverCommand } from "./server";

let client: LanguageClient | undefined;
const SETTINGS = ["yardstick.path", "yardstick.lang", "yardstick.standards"];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("yardstick.restartServer", () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (SETTINGS.some((s) => e.affectsConfiguration(s))) void restart();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("yardstick");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server = serverCommand(
    {
      path: config.get<string>("path"),
      lang: config.get<string>("lang"),
      standards: config.get<string>("standards"),
    },
    vscode.env.language,
    folder,
    process.env,
  );
  // No `transport`: the client would add `--stdio` to the arguments; stdio is the default anyway.
  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    options: { cwd: folder, env: server.env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yard" },
      { scheme: "untitled", language: "yard" },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.yard") },
    outputChannelName: "Yardstick",
  };
  const c = new LanguageClient("yardstick", "Yardstick", serverOptions, clientOptions);
  try {
    await c.start();
    client = c;
  } catch (e) {
    const line = [server.command, ...server.args].join(" ");
    const open = "Open Settings";
    const choice = await vscode.window.showErrorMessage(
      `Yardstick: could not start the language server \`${line}\`: ${e instanceof Error ? e.message : String(e)}. ` +
        "Highlighting still works; set `yardstick.path` to the yardstick program (cargo install --path crates/yardstick-cli).",
      open,
    );
    if (choice === open) void vscode.commands.executeCommand("workbench.action.openSettings", "yardstick.path");
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined) await c.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
