/** Types of run-child.mjs, for the TypeScript commands that import it. */
import type { SpawnOptions } from "node:child_process";

/** Runs a child with our stdio, forwarding SIGINT/SIGTERM/SIGHUP; resolves with its exit code. */
export declare function runChild(
  command: string,
  args: readonly string[],
  options?: SpawnOptions,
): Promise<number>;
