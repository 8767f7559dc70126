import { execFileSync } from "node:child_process";
import {
  createReadStream,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckCli, scratchCopy, startCheckCli } from "./check-helpers";

/*
 * `npm run check -- --out …` never destroys what it should not: an input (refused, exit 2), a
 * symbolic link (its target is replaced), a FIFO or device (written into, kept), a folder (refused).
 */

const SLOW = { timeout: 60_000 };

let scratch: ReturnType<typeof scratchCopy>;
let catalog: string;
let proposal: string;
/** The CSV of the fixture catalogue on stdout: what every --out below must hold. */
let expected: string;
beforeAll(() => {
  scratch = scratchCopy();
  catalog = join(scratch.root, "basic", "catalog.json");
  proposal = join(scratch.root, "proposals", "conflict.geojson");
  const r = runCheckCli(["--catalog", catalog, "--format", "csv"]);
  expect(r.status).toBe(1);
  expected = r.stdout;
}, 120_000);
afterAll(() => scratch.done());

/** Every file under the scratch folder with its bytes, to prove a refused run changed nothing. */
function contents(dir = scratch.root): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(item.parentPath, item.name);
    if (item.isFile()) out[path] = readFileSync(path, "base64");
  }
  return out;
}

describe("--out that is an input is refused", SLOW, () => {
  const basic = (...parts: string[]) => join(scratch.root, "basic", ...parts);
  it.each([
    ["the proposal", () => proposal, "phương án, --proposal"],
    [
      "the proposal by a '..' path",
      () => join(scratch.root, "basic", "..", "proposals", "conflict.geojson"),
      "phương án",
    ],
    ["the catalogue", () => basic("catalog.json"), "danh mục lớp"],
    ["the rules file", () => basic("rules.json"), "tệp quy tắc"],
    ["a layer", () => basic("layers", "national", "rice.geojson"), 'lớp "rice"'],
    ["the district layer", () => basic("layers", "districts.geojson"), 'lớp "districts"'],
    [
      "a layer through a symbolic link",
      () => {
        const link = join(scratch.root, "rice-link.geojson");
        symlinkSync(basic("layers", "national", "rice.geojson"), link);
        return link;
      },
      'lớp "rice"',
    ],
  ])("%s: exit 2, a message naming it, every input byte for byte as before", (_, out, role) => {
    const path = out();
    const before = contents();
    const r = runCheckCli(["--catalog", catalog, "--proposal", proposal, "--out", path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`(${role}`);
    expect(r.stderr).toMatch(
      /^Lỗi \/ Error: --out .*: là tệp đầu vào .* \/ is the input file .*; writing the findings there would destroy it, choose another file\n$/,
    );
    expect(contents()).toEqual(before);
  });
});

describe("--out writes through links, FIFOs and devices", SLOW, () => {
  it("a symbolic link: the target gets the findings, the link stays a link", () => {
    const dir = join(scratch.root, "link");
    mkdirSync(dir);
    writeFileSync(join(dir, "target.csv"), "old");
    symlinkSync("target.csv", join(dir, "findings.csv"));
    const r = runCheckCli([
      "--catalog",
      catalog,
      "--format",
      "csv",
      "--out",
      join(dir, "findings.csv"),
    ]);
    expect(r.status).toBe(1);
    expect(readlinkSync(join(dir, "findings.csv"))).toBe("target.csv");
    expect(readFileSync(join(dir, "target.csv"), "utf8")).toBe(expected);
    expect(readdirSync(dir).sort()).toEqual(["findings.csv", "target.csv"]);
  });

  it("a FIFO: the reader gets the text, the FIFO stays", async () => {
    const fifo = join(scratch.root, "findings.fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = (async () => {
      let text = "";
      for await (const chunk of createReadStream(fifo, "utf8")) text += chunk;
      return text;
    })();
    const { code } = await startCheckCli(["--catalog", catalog, "--format", "csv", "--out", fifo])
      .ended;
    expect(code).toBe(1);
    expect(await reader).toBe(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("a character device: /dev/null stays /dev/null (checked on a private null device first)", () => {
    // As root the old command renamed a file over /dev/null, for every process on the machine:
    // first prove it on a null device of our own (mknod needs root), then on /dev/null itself.
    const own = join(scratch.root, "null");
    let made = true;
    try {
      execFileSync("mknod", [own, "c", "1", "3"], { stdio: "ignore" });
    } catch {
      made = false; // not root: nobody can rename over /dev/null then
    }
    if (made) {
      expect(runCheckCli(["--catalog", catalog, "--out", own]).status).toBe(1);
      expect(lstatSync(own).isCharacterDevice()).toBe(true);
    }
    const r = runCheckCli(["--catalog", catalog, "--out", "/dev/null"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("/dev/stdout: the text goes to stdout (checked on a private link to it first)", () => {
    // The old command renamed a file over the link, as root over /dev/stdout itself: prove it on
    // a link of our own first, and only then on /dev/stdout.
    const own = join(scratch.root, "stdout");
    symlinkSync("/proc/self/fd/1", own);
    const mine = runCheckCli(["--catalog", catalog, "--format", "csv", "--out", own]);
    expect(mine.stdout).toBe(expected);
    expect(readlinkSync(own)).toBe("/proc/self/fd/1");
    const r = runCheckCli(["--catalog", catalog, "--format", "csv", "--out", "/dev/stdout"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(expected);
    expect(lstatSync("/dev/stdout").isSymbolicLink()).toBe(true);
  });

  it("a folder: exit 2, saying to give a file name", () => {
    const r = runCheckCli(["--catalog", catalog, "--out", scratch.root]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--out .*: là một thư mục, .* \/ is a folder, not a file; give the name of a file in it/,
    );
  });
});
