import { stderr, stdin } from "node:process";

/** Longest password read: scrypt takes any length, the limit only stops a runaway pipe. */
const MAX_PASSWORD = 1024;

/**
 * The password for `add-user`: the first line of stdin when it is a pipe or file
 * (`printf '%s\n' "$PW" | npm run serve -- add-user …`), else typed at a prompt on stderr without
 * echo. Never an argument: arguments show in `ps` and the shell history.
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!stdin.isTTY) {
    let text = "";
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes("\n") || text.length > MAX_PASSWORD) break;
    }
    return (text.split(/\r?\n/)[0] ?? "").slice(0, MAX_PASSWORD);
  }
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stderr.write("\n");
      finish();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done(() => resolve(typed));
        if (ch === "\u0003") return done(() => reject(new Error("cancelled")));
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else if (typed.length < MAX_PASSWORD) typed += ch;
      }
    };
    stdin.on("data", onData);
  });
}
