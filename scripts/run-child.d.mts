/** Types of run-child.mjs, for the TypeScript commands that import it. */
import type { SpawnOptions } from "node:child_process";

export declare const FORWARDED_SIGNALS: NodeJS.Signals[];
/** 128 + signal number when killed by a signal, the exit code otherwise, 3 when neither. */
export declare function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number;
/** Runs a child with our stdio, forwarding SIGINT/SIGTERM/SIGHUP; resolves with its exit code. */
export declare function runChild(
  command: string,
  args: readonly string[],
  options?: SpawnOptions,
): Promise<number>;
