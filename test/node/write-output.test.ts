import { execFileSync } from "node:child_process";
import {
  closeSync,
  createReadStream,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTemporaryName } from "../../scripts/temporary-names.mjs";
import { resultChunks } from "../../src/core/check/format-findings";
import { runChecks } from "../../src/core/check/run-checks";
import type { CheckResult, Finding } from "../../src/core/check/types";
import { CheckInputError } from "../../src/node/check-error";
import { loadCheckInputs } from "../../src/node/check-inputs";
import { resolveOutput } from "../../src/node/output-target";
import { writeOutput } from "../../src/node/write-output";
import { CLI_FIXTURES } from "../cli/check-helpers";

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "plan-layers-write-")));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A real result: the fixture catalogue of the CLI tests, read as `npm run check` reads it. */
async function realResult(): Promise<CheckResult> {
  const { input } = await loadCheckInputs({
    catalog: join(CLI_FIXTURES, "basic", "catalog.json"),
    proposal: null,
    crs: null,
    landUseAttribute: null,
    proposalLayer: null,
    rules: null,
  });
  return runChecks(input);
}

const write = (out: string, result: CheckResult, format: "json" | "csv" | "geojson" = "json") =>
  writeOutput(resolveOutput(out), resultChunks(result, format));

describe("writeOutput to a file", () => {
  it("streams the same bytes as JSON.stringify(result) and a line break", async () => {
    const result = await realResult();
    expect(result.findings.length).toBeGreaterThan(0);
    await write(join(dir, "findings.json"), result);
    expect(readFileSync(join(dir, "findings.json"), "utf8")).toBe(`${JSON.stringify(result)}\n`);
    expect(readdirSync(dir)).toEqual(["findings.json"]);
  });

  it("through a symbolic link: replaces the target, keeps the link and the file's mode", async () => {
    writeFileSync(join(dir, "target.json"), "old", { mode: 0o640 });
    symlinkSync("target.json", join(dir, "link.json"));
    const result = await realResult();
    await write(join(dir, "link.json"), result);
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "link.json"))).toBe("target.json");
    expect(readFileSync(join(dir, "target.json"), "utf8")).toBe(`${JSON.stringify(result)}\n`);
    expect(statSync(join(dir, "target.json")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["link.json", "target.json"]);
  });

  it("a failure half-way leaves the old file and no temporary file", async () => {
    writeFileSync(join(dir, "findings.json"), "old");
    function* failing() {
      yield "x".repeat(1 << 17); // more than one batch: the temporary file is on disk already
      throw new Error("disk full");
    }
    const writing = writeOutput(resolveOutput(join(dir, "findings.json")), failing());
    await expect(writing).rejects.toBeInstanceOf(CheckInputError);
    await expect(writing).rejects.toThrow(/không ghi được kết quả \(disk full\) \/ cannot write/);
    expect(readdirSync(dir)).toEqual(["findings.json"]);
    expect(readFileSync(join(dir, "findings.json"), "utf8")).toBe("old");
  });
});

describe("writeOutput into a FIFO or a device", () => {
  it("a FIFO stays a FIFO and its reader gets the text", async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const result = await realResult();
    const reader = (async () => {
      let text = "";
      for await (const chunk of createReadStream(fifo, "utf8")) text += chunk;
      return text;
    })();
    await write(fifo, result, "csv");
    expect(await reader).toBe([...resultChunks(result, "csv")].join(""));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["fifo"]);
  });

  it("a character device stays a device (a null device of our own, then /dev/null)", async () => {
    const result = await realResult();
    // As root a rename over /dev/null replaced it for every process on the machine: prove the
    // write-through on a private null device first (mknod needs root), and only then on /dev/null.
    let own: string | null = join(dir, "null");
    try {
      execFileSync("mknod", [own, "c", "1", "3"], { stdio: "ignore" });
    } catch {
      own = null; // not root: a rename over /dev/null would be refused anyway
    }
    if (own) {
      await write(own, result);
      expect(lstatSync(own).isCharacterDevice()).toBe(true);
      expect(readdirSync(dir)).toEqual(["null"]);
    }
    await write("/dev/null", result);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(readdirSync("/dev").some((name) => parseTemporaryName(name)?.target === "null")).toBe(
      false,
    );
  });
});

describe("writeOutput of 800 000 findings", () => {
  // Every finding ~700 characters of JSON: 800 000 of them pass V8's longest string (2^29 − 24
  // characters), where formatResult's single JSON.stringify threw "Invalid string length".
  // (Latin-1 text, so the failing attempt holds one byte per character, not two.)
  const COUNT = 800_000;
  const message = { vi: "ê".repeat(320), en: "e".repeat(320) };
  const finding = (i: number) =>
    ({
      id: String(i).padStart(8, "0"),
      rule: "r",
      message,
      districts: ["001"],
    }) as unknown as Finding;

  it("streams what one JSON.stringify cannot hold", { timeout: 300_000 }, async () => {
    const result: CheckResult = {
      findings: Array.from({ length: COUNT }, (_, i) => finding(i)),
      summary: [],
      problems: [],
      stats: { units: COUNT, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
    };
    expect(() => JSON.stringify(result)).toThrow(/Invalid string length/);
    const out = join(dir, "findings.json");
    await write(out, result);

    // every finding's JSON has the same length, so the size and each finding's place are known
    const head = '{"findings":[';
    const one = Buffer.byteLength(JSON.stringify(finding(0)));
    const { findings: _, ...rest } = result;
    const tail = `],${JSON.stringify(rest).slice(1)}\n`;
    expect(statSync(out).size).toBe(head.length + COUNT * (one + 1) - 1 + tail.length);
    const fd = openSync(out, "r");
    const read = (position: number, length: number) => {
      const bytes = Buffer.alloc(length);
      readSync(fd, bytes, 0, length, position);
      return bytes.toString();
    };
    try {
      expect(read(0, head.length)).toBe(head);
      for (const i of [0, 1, COUNT / 2, COUNT - 1]) {
        expect(JSON.parse(read(head.length + i * (one + 1), one))).toEqual(finding(i));
      }
      expect(read(statSync(out).size - tail.length, tail.length)).toBe(tail);
    } finally {
      closeSync(fd);
    }
  });
});
