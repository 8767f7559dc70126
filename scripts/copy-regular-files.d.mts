/** Types of copy-regular-files.mjs, for vite.config.ts. */
import type { Bilingual } from "./file-kind.mjs";

export declare function copyRegularFiles(
  from: string,
  to: string,
  keep?: (name: string, path: string) => boolean,
): { path: string; problem: Bilingual }[];
