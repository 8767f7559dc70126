import type { ReadResult } from "../../src/io/format-types";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import { readSource as read } from "../../src/io/registry";
import type { SourceFile } from "../../src/io/source-files";

export { fixture, readBytes } from "./read-fixtures";

/** `readSource` with the default limits. */
export const readSource = (files: SourceFile[]): Promise<ReadResult> =>
  read(files, { limits: DEFAULT_READ_LIMITS });
