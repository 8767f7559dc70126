import type { Bilingual } from "../../core/validate/validation-issue";
import { bilingual } from "../../node/check-error";

/** One line, Vietnamese then English: the house style shared with `npm run check`. */
export { bilingual };

/** Exit codes: 2 when an input is bad (the user can fix it), 1 for any other failure. */
export type ExitCode = 0 | 1 | 2;

/**
 * A failure the user can act on; printed as its message alone, never with a stack trace. `details`
 * are lines under it (each already bilingual), e.g. one per field of a file that fails its schema.
 */
export class DataStepError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly exitCode: 1 | 2,
    readonly details: readonly string[] = [],
  ) {
    super([bilingual(text), ...details.map((line) => `  ${line}`)].join("\n"));
    this.name = "DataStepError";
  }
}

export const USAGE = [
  "Cách dùng / Usage: npm run data -- [--source THƯ_MỤC_HOẶC_URL] [--out THƯ_MỤC] [--layers THƯ_MỤC] [--if-stale]",
  "  --source  dữ liệu ranh giới (hoặc biến PLAN_LAYERS_ADMIN_SOURCE; được nhớ cho các lần chạy sau; mặc định ../shared/data/vn-admin) / boundary data (or PLAN_LAYERS_ADMIN_SOURCE; remembered for later runs; default ../shared/data/vn-admin)",
  "  --out     thư mục kết quả (mặc định data/) / output folder (default data/)",
  "  --layers  thư mục lớp tự vẽ (mặc định layers/) / authored layers folder (default layers/)",
  "  --if-stale  chỉ dựng lại khi dữ liệu vào mới hơn / rebuild only when an input changed",
].join("\n");
