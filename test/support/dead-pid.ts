import { spawnSync } from "node:child_process";

/** A pid no process has any more: that of a child that has exited (for sweeps of dead runs' files). */
export const deadPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid as number;
