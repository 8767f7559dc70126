/** Types of file-kind.mjs, for vite.config.ts and src/node/read-input-file.ts. */
import type { Dirent, Stats } from "node:fs";

export type Bilingual = { vi: string; en: string };
export declare function specialFileKind(stats: Stats | Dirent): Bilingual | null;
