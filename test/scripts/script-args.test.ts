import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../cli/helpers";

/** `node scripts/NAME.mjs …args`, as `npm run bench -- …` runs it. */
const run = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(PROJECT_ROOT, "scripts", `${name}.mjs`), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });

describe("the benchmarks' options", () => {
  it("--help prints the script's header comment, its options included", () => {
    const r = run("bench", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("npm run bench -- [--sizes 1000x200,10000x2000,50000x5000]");
    expect(r.stdout.split("\n").filter((line) => line.startsWith("//"))).toEqual([]);
    expect(run("bench-proposal", "-h").stdout).toContain("JSON.parse");
  });

  it("an unknown option, or one without its value, is said in one line: exit 2, no stack trace", () => {
    for (const [name, args] of [
      ["bench", ["--bogus"]],
      ["bench", ["--sizes"]],
      ["bench-app-check", ["--runs"]],
      ["bench-validity", ["--nope"]],
      ["trace-long-tasks", ["--min"]],
    ] as const) {
      const r = run(name, ...args);
      expect(r.status, `${name} ${args.join(" ")}`).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^${name}\\.mjs: .*${args[0]}.*--help lists the options`),
      );
      expect(r.stdout).toBe("");
    }
    // a script that needs a file, given none
    const none = run("trace-long-tasks");
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe(
      "trace-long-tasks.mjs: a trace FILE is needed (--help lists the options)",
    );
  });
});
