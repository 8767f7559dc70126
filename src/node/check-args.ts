import { parseArgs } from "node:util";
import { FINDING_FORMATS, type FindingFormat } from "../core/check/index";
import { CheckInputError, errorLine } from "./check-error";

/** Options of `npm run check`; paths as typed (relative to the working directory). */
export type CheckArgs = {
  catalog: string;
  proposal: string | null;
  /** Layer the proposal replaces, when the rules check more than one city-level layer. */
  proposalLayer: string | null;
  /** Rule ids to run; null runs every rule of the rules file. */
  rules: string[] | null;
  format: FindingFormat;
  out: string | null;
  timings: boolean;
  /** Threads checking (main thread included); "auto" decides from the input size. */
  workers: number | "auto";
  /** Write what the proposal changes compared with the layer it replaces, not the findings. */
  compare: boolean;
  help: boolean;
};

export const DEFAULT_CATALOG = "layers/catalog.json";

export const CHECK_USAGE = [
  "Cách dùng / Usage: npm run check -- [--catalog layers/catalog.json] [--proposal TỆP.geojson] [--rules ID,ID]",
  "                   [--format json|csv|geojson] [--out TỆP] [--timings] [--workers N|auto] [--compare]",
  "  --catalog    danh mục lớp; đường dẫn lớp tính từ thư mục của nó / layer catalogue; layer paths are relative to it",
  "  --proposal   GeoJSON thay lớp quy hoạch thành phố / GeoJSON checked in place of the city plan layer",
  "  --proposal-layer ID  lớp được thay khi có nhiều lớp cấp thành phố / layer replaced when several city layers are checked",
  "  --rules      chỉ chạy các quy tắc này / run only these rules",
  "  --format     json (mặc định / default), csv, geojson",
  "  --out        ghi kết quả vào tệp thay vì stdout (npm in thêm dòng đầu vào stdout: dùng --out hoặc npm run -s check) /",
  "               write findings to a file instead of stdout (npm adds a banner to stdout: use --out or npm run -s check)",
  "  --timings    in một dòng JSON thời gian các pha lên stderr / print one JSON line of phase timings on stderr",
  "  --workers    số luồng kiểm tra (mặc định auto) / checking threads (default auto)",
  "  --compare    với --proposal: ghi những gì phương án thay đổi so với lớp nó thay thế (mã đất đổi, phần thêm, phần bỏ) thay cho kết quả kiểm tra; mã thoát 0 /",
  "               with --proposal: write what the proposal changes against the layer it replaces (land-use codes changed, parts added, removed) instead of the findings; exit 0",
  "Mã thoát / Exit code: 0 không có lỗi / no error finding, 1 có lỗi / error findings, 2 dữ liệu vào sai / bad input, 3 lỗi nội bộ / internal failure,",
  "                      128+n bị dừng bởi tín hiệu n / killed by signal n (130 Ctrl-C, 143 SIGTERM, 137 SIGKILL, 134 hết bộ nhớ / out of memory)",
].join("\n");

const usageError = (vi: string, en: string) =>
  new CheckInputError([errorLine("npm run check", { vi, en }), CHECK_USAGE]);

/**
 * Parses the command line (`--opt value` or `--opt=value`).
 *
 * @throws CheckInputError (exit 2) on an unknown option, a missing or bad value
 */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw usageError(`tùy chọn sai (${detail})`, `bad option (${detail})`);
  }
  const format = values.format ?? "json";
  if (!(FINDING_FORMATS as readonly string[]).includes(format)) {
    throw usageError(
      `--format phải là ${FINDING_FORMATS.join(", ")}, không phải "${format}"`,
      `--format must be ${FINDING_FORMATS.join(", ")}, not "${format}"`,
    );
  }
  let rules: string[] | null = null;
  if (values.rules !== undefined) {
    rules = values.rules
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");
    if (rules.length === 0) {
      throw usageError("--rules cần ít nhất một mã quy tắc", "--rules needs at least one rule id");
    }
  }
  let workers: number | "auto" = "auto";
  if (values.workers !== undefined && values.workers !== "auto") {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
      throw usageError(
        `--workers phải là số nguyên 1–64 hoặc auto, không phải "${values.workers}"`,
        `--workers must be an integer 1–64 or auto, not "${values.workers}"`,
      );
    }
  }
  for (const key of ["catalog", "proposal", "proposal-layer", "out"] as const) {
    if (values[key] === "") {
      throw usageError(`--${key} cần một giá trị`, `--${key} needs a value`);
    }
  }
  if (values.compare && values.proposal === undefined) {
    throw usageError(
      "--compare so sánh một phương án: cho tệp bằng --proposal TỆP",
      "--compare compares a proposal: give its file with --proposal FILE",
    );
  }
  return {
    catalog: values.catalog ?? DEFAULT_CATALOG,
    proposal: values.proposal ?? null,
    proposalLayer: values["proposal-layer"] ?? null,
    rules,
    format: format as FindingFormat,
    out: values.out ?? null,
    timings: values.timings ?? false,
    workers,
    compare: values.compare ?? false,
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      catalog: { type: "string" },
      proposal: { type: "string" },
      "proposal-layer": { type: "string" },
      rules: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      timings: { type: "boolean" },
      workers: { type: "string" },
      compare: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
