import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CheckInputError } from "../../src/node/check-error";
import { resolveOutput } from "../../src/node/output-target";
import { readInputFile } from "../../src/node/read-input-file";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-read-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The caller's own error, as the data step passes one. */
class OwnError extends Error {}
const fail = (problem: { vi: string; en: string }) => new OwnError(`${problem.vi} / ${problem.en}`);

describe("readInputFile", () => {
  it("gives the bytes and the modification time the file had when opened", async () => {
    const path = join(dir, "a.json");
    writeFileSync(path, '{"a":1}');
    const read = await readInputFile(path, { fail });
    expect(read.bytes.toString()).toBe('{"a":1}');
    expect(read.mtimeMs).toBe(statSync(path).mtimeMs);
  });

  it("refuses a FIFO at once, through the caller's error when it gives one", async () => {
    const fifo = join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    await expect(readInputFile(fifo, { fail })).rejects.toThrow(OwnError);
    await expect(readInputFile(fifo, { fail })).rejects.toThrow(/is a named pipe \(FIFO\)/);
    // the check's own error by default
    await expect(readInputFile(fifo)).rejects.toThrow(CheckInputError);
  });

  it("a missing file: 'file not found' with the hint", async () => {
    await expect(
      readInputFile(join(dir, "none.json"), { hint: "run npm run data", fail }),
    ).rejects.toThrow(/file not found \(run npm run data\)/);
  });
});

describe("--out onto a socket", () => {
  it("is refused saying what it is, as an input would be (it said 'not a regular file, a FIFO or…')", async () => {
    const socket = join(dir, "socket");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(() => resolveOutput(socket)).toThrow(
        /là một socket, .* \/ is a socket, the findings cannot be written there; choose a regular file, a FIFO or a character device/,
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
