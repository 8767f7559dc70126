import { execFileSync } from "node:child_process";
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CheckInputError } from "../../src/node/check-error";
import {
  type InputFile,
  type OutputTarget,
  refuseInputAsOutput,
  resolveOutput,
} from "../../src/node/output-target";

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "plan-layers-out-")));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The CheckInputError `run` throws, as one text. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckInputError);
    return (error as CheckInputError).lines.join("\n");
  }
  throw new Error("expected a CheckInputError");
}

describe("resolveOutput", () => {
  it("a new or regular file is replaced whole (temporary file, then rename)", () => {
    expect(resolveOutput(join(dir, "new.json"))).toMatchObject({
      kind: "file",
      path: join(dir, "new.json"),
      mode: null,
    });
    writeFileSync(join(dir, "old.json"), "x", { mode: 0o640 });
    expect(resolveOutput(join(dir, "old.json"))).toMatchObject({
      kind: "file",
      path: join(dir, "old.json"),
      mode: 0o640,
    });
  });

  it("a symbolic link is followed: its target is replaced, the link kept", () => {
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "target.json"), "x");
    symlinkSync("real/target.json", join(dir, "link.json"));
    symlinkSync("link.json", join(dir, "link2.json"));
    symlinkSync("real", join(dir, "folder-link"));
    symlinkSync("real/not-yet.json", join(dir, "dangling.json"));
    const file = (path: string) => ({ kind: "file", path });
    expect(resolveOutput(join(dir, "link2.json"))).toMatchObject(
      file(join(dir, "real", "target.json")),
    );
    expect(resolveOutput(join(dir, "folder-link", "x.json"))).toMatchObject(
      file(join(dir, "real", "x.json")),
    );
    expect(resolveOutput(join(dir, "dangling.json"))).toMatchObject(
      file(join(dir, "real", "not-yet.json")),
    );
  });

  it("a FIFO or character device is written into, never replaced", () => {
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(resolveOutput(join(dir, "fifo"))).toMatchObject({
      kind: "stream",
      path: join(dir, "fifo"),
    });
    expect(resolveOutput("/dev/null")).toMatchObject({ kind: "stream", path: "/dev/null" });
    // /dev/stdout is a link into /proc: this process's stdout, whatever it is (file, pipe, tty)
    expect(resolveOutput("/dev/stdout").kind).toBe("stream");
  });

  it("refuses a folder, a missing folder and a loop of links, saying what to do", () => {
    expect(refusal(() => resolveOutput(dir))).toMatch(
      /là một thư mục.* \/ .*is a folder, not a file/,
    );
    expect(refusal(() => resolveOutput(join(dir, "no", "such", "x.json")))).toMatch(
      /không tồn tại.*\/ .*does not exist; create it first/,
    );
    symlinkSync("b", join(dir, "a"));
    symlinkSync("a", join(dir, "b"));
    expect(refusal(() => resolveOutput(join(dir, "a")))).toMatch(/--out .*\ba\b.*(ELOOP|links)/);
  });
});

describe("refuseInputAsOutput", () => {
  const inputs = (): InputFile[] => [
    { path: join(dir, "catalog.json"), role: { vi: "danh mục lớp", en: "the layer catalogue" } },
    { path: join(dir, "plan.geojson"), role: { vi: "phương án", en: "the proposal" } },
  ];
  beforeEach(() => {
    writeFileSync(join(dir, "catalog.json"), "{}");
    writeFileSync(join(dir, "plan.geojson"), "{}");
    mkdirSync(join(dir, "sub"));
  });
  const check = (out: string) => () =>
    refuseInputAsOutput(resolveOutput(out) as OutputTarget, inputs());

  it("refuses an input however it is named: directly, via '..', a symbolic or a hard link", () => {
    symlinkSync("plan.geojson", join(dir, "plan-link.geojson"));
    linkSync(join(dir, "catalog.json"), join(dir, "hard.json"));
    for (const out of ["plan.geojson", "sub/../plan.geojson", "plan-link.geojson"]) {
      expect(refusal(check(join(dir, out)))).toMatch(
        /^Lỗi \/ Error: --out .*\.geojson: là tệp đầu vào .*plan\.geojson \(phương án\).* \/ is the input file .*\(the proposal\); writing the findings there would destroy it/,
      );
    }
    expect(refusal(check(join(dir, "hard.json")))).toMatch(/the layer catalogue/);
  });

  it("lets any other file through, existing or not", () => {
    writeFileSync(join(dir, "findings.json"), "old");
    expect(check(join(dir, "findings.json"))).not.toThrow();
    expect(check(join(dir, "new.json"))).not.toThrow();
    expect(check("/dev/null")).not.toThrow();
  });
});
