import { createWriteStream, renameSync } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { inputError } from "./check-error";
import type { OutputTarget } from "./output-target";
import {
  deliverPendingSignals,
  removeTemporary,
  temporaryPathFor,
  trackTemporary,
  untrackTemporary,
} from "./temporary-files";

/** Characters handed to the stream at a time: few system calls, and little text held at once. */
const BATCH_CHARS = 1 << 16;

/** Joins small pieces into batches of about BATCH_CHARS characters. */
function* batched(chunks: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= BATCH_CHARS) {
      yield parts.join("");
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join("");
}

/** Resolves when `stream` can take more; rejects if it fails or closes first. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown) => {
      stream.off("drain", settle);
      stream.off("error", settle);
      stream.off("close", settle);
      if (error === undefined && !stream.destroyed) resolve();
      else reject(error ?? stream.errored ?? new Error("output closed"));
    };
    stream.on("drain", settle);
    stream.on("error", settle);
    stream.on("close", settle);
  });
}

/**
 * Writes the pieces to `stream` in order, waiting whenever it is full (backpressure), so only one
 * batch of text exists at a time however long the whole is. Does not end the stream.
 *
 * @throws the stream's error (a full disk, a closed pipe)
 */
async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  // an 'error' with no listener would end the process; it is read from stream.errored instead
  const ignore = () => {};
  stream.on("error", ignore);
  try {
    for (const piece of batched(chunks)) {
      if (stream.errored) throw stream.errored;
      if (!stream.write(piece)) await drained(stream);
    }
    if (stream.errored) throw stream.errored;
  } finally {
    stream.off("error", ignore);
  }
}

/**
 * Writes the pieces into a file opened with `flags` and closes it, or into the open descriptor
 * `fd` (stderr or another through /dev/fd/N), which stays open: it is not ours to close.
 */
async function writeFile(
  path: string,
  chunks: Iterable<string>,
  options: { flags: string; mode?: number } | { fd: number },
): Promise<void> {
  const owned = !("fd" in options);
  const stream = createWriteStream(path, owned ? options : { ...options, autoClose: false });
  try {
    await writeChunks(stream, chunks);
    stream.end();
    await finished(stream);
  } finally {
    // destroy() closes the descriptor even with autoClose: false
    if (owned) stream.destroy();
  }
}

/** Writes the text whole or not at all: into a temporary file beside the target, then renamed. */
async function replaceFile(
  target: Extract<OutputTarget, { kind: "file" }>,
  chunks: Iterable<string>,
) {
  const temporary = temporaryPathFor(target.path);
  trackTemporary(temporary);
  try {
    await writeFile(
      temporary,
      chunks,
      target.mode === null ? { flags: "w" } : { flags: "w", mode: target.mode },
    );
    await deliverPendingSignals();
    renameSync(temporary, target.path);
  } catch (error) {
    removeTemporary(temporary);
    throw error;
  }
  untrackTemporary(temporary);
}

/**
 * Writes the findings text: to stdout (no target), into a FIFO or device, or atomically over a file
 * (see {@link OutputTarget}).
 *
 * @throws CheckInputError (exit 2) when the output cannot be written, naming it and the reason
 */
export async function writeOutput(
  target: OutputTarget | null,
  chunks: Iterable<string>,
): Promise<void> {
  try {
    if (!target || (target.kind === "stream" && target.fd === 1)) {
      await writeChunks(process.stdout, chunks);
    } else if (target.kind === "file") {
      await replaceFile(target, chunks);
    } else if (target.fd !== undefined) {
      await writeFile(target.path, chunks, { fd: target.fd });
    } else {
      // append: the same bytes for a FIFO or device, and a file reached through another
      // process's descriptor keeps what it holds
      await writeFile(target.path, chunks, { flags: "a" });
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const where = target ? target.shown : "stdout";
    throw inputError(where, {
      vi: `không ghi được kết quả (${detail})`,
      en: `cannot write the findings (${detail})`,
    });
  }
}
