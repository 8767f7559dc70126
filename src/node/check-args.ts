import { parseArgs } from "node:util";
import { FINDING_FORMATS, type FindingFormat } from "../core/check/index";
import { type CrsChoice, parseCrsChoice } from "../core/crs/index";
import { CheckInputError, errorLine } from "./check-error";
import type { CheckSource } from "./check-inputs";

/** Options of `npm run check`; paths as typed (relative to the working directory). */
export type CheckArgs = {
  catalog: string;
  /** The proposal's file, or the files of a Shapefile set given one by one; null: none. */
  proposal: string[] | null;
  /** The proposal's CRS, instead of the one decided from the file (`--crs`). */
  crs: CrsChoice | null;
  /** The proposal's attribute holding land-use codes, instead of the guess. */
  landUseAttribute: string | null;
  /** Layer the proposal replaces, when the rules check more than one city-level layer. */
  proposalLayer: string | null;
  /** The layer read from a proposal file holding several (a GeoPackage table, a zip's .shp). */
  sourceLayer: string | null;
  /** Rule ids to run; null runs every rule of the rules file. */
  rules: string[] | null;
  format: FindingFormat;
  out: string | null;
  timings: boolean;
  /** Threads checking (main thread included); "auto": see `autoThreads` (check-run.ts). */
  workers: number | "auto";
  /** Write what the proposal changes compared with the layer it replaces, not the findings. */
  compare: boolean;
  /** Where the geometry work runs: this process (default) or a PostGIS database. */
  engine: CheckEngine;
  /**
   * The PostGIS database (`--database`, else PLAN_LAYERS_DATABASE_URL); null in process. A secret:
   * never printed.
   */
  database: string | null;
  /**
   * Stream FlatGeobuf and newline-delimited GeoJSON layers, keeping this many prepared geometries
   * each; null: only such layers of 64 MiB or more, with the default window (streamed-layer.ts).
   */
  window: number | null;
  /** Keep running: check again whenever an input file changes (`--watch`). */
  watch: boolean;
  help: boolean;
};

export const DEFAULT_CATALOG = "layers/catalog.json";

/** The engines `--engine` chooses from. */
export const CHECK_ENGINES = ["in-process", "postgis"] as const;
export type CheckEngine = (typeof CHECK_ENGINES)[number];

/** The environment variable holding the database address when `--database` is not given. */
export const DATABASE_ENV = "PLAN_LAYERS_DATABASE_URL";

export const CHECK_USAGE = [
  "Cách dùng / Usage: npm run check -- [--catalog layers/catalog.json] [--proposal TỆP] [--crs EPSG:…]",
  "                   [--land-use-attribute TÊN] [--rules ID,ID] [--format json|csv|geojson] [--out TỆP] [--timings]",
  "                   [--source-layer TÊN] [--workers N|auto] [--compare] [--window N]",
  "                   [--engine in-process|postgis] [--database postgres://…] [--watch]",
  "  --catalog    danh mục lớp; đường dẫn lớp tính từ thư mục của nó / layer catalogue; layer paths are relative to it",
  "  --proposal   phương án thay lớp quy hoạch thành phố / proposal checked in place of the city plan layer:",
  "               GeoJSON (.geojson, .json, .ndjson), FlatGeobuf (.fgb), Shapefile (.shp cùng .dbf, .prj cạnh nó / beside it, hoặc / or .zip),",
  "               KML, KMZ, GeoPackage (.gpkg); VN-2000 hoặc / or WGS84; lặp --proposal cho từng tệp của một bộ Shapefile /",
  "               repeat --proposal for each file of a Shapefile set",
  "  --crs        hệ tọa độ của phương án thay cho hệ tự nhận ra / the proposal's CRS instead of the one detected:",
  "               EPSG:5897 (VN-2000 Hà Nội), EPSG:4326, EPSG:3405, EPSG:32648, EPSG:9208–9211…; thêm / add +yx khi X (bắc) trước / when northing first",
  "  --land-use-attribute TÊN  thuộc tính chứa mã loại đất thay cho thuộc tính tự nhận ra /",
  "               the proposal's attribute holding land-use codes instead of the one detected",
  "  --source-layer TÊN  lớp đọc từ tệp phương án có nhiều lớp (bảng của GeoPackage, tệp .shp trong .zip) thay cho lớp đầu tiên /",
  "               the layer read from a proposal file holding several (a GeoPackage table, a .shp in a .zip) instead of the first",
  "  --proposal-layer ID  lớp được thay khi có nhiều lớp cấp thành phố / layer replaced when several city layers are checked",
  "  --rules      chỉ chạy các quy tắc này / run only these rules",
  "  --format     json (mặc định / default), csv, geojson",
  "  --out        ghi kết quả vào tệp thay vì stdout (npm in thêm dòng đầu vào stdout: dùng --out hoặc npm run -s check) /",
  "               write findings to a file instead of stdout (npm adds a banner to stdout: use --out or npm run -s check)",
  "  --timings    in một dòng JSON thời gian các pha lên stderr / print one JSON line of phase timings on stderr",
  "  --workers    số luồng kiểm tra; auto (mặc định): mọi lõi (tối đa 4) khi có lớp được đọc dần, nếu không thì một /",
  "               checking threads; auto (default): every core (at most 4) when a layer is streamed, else one",
  "  --window N   đọc dần lớp FlatGeobuf và GeoJSON theo dòng (.ndjson), giữ N hình đã chuẩn bị mỗi lớp (mặc định: chỉ lớp từ 64 MiB, N = 20000) /",
  "               stream FlatGeobuf and newline-delimited GeoJSON layers, holding N prepared geometries each (default: layers of 64 MiB or more, N = 20000)",
  "  --compare    với --proposal: ghi những gì phương án thay đổi so với lớp nó thay thế (mã đất đổi, phần thêm, phần bỏ) thay cho kết quả kiểm tra; mã thoát 0 /",
  "               with --proposal: write what the proposal changes against the layer it replaces (land-use codes changed, parts added, removed) instead of the findings; exit 0",
  "  --watch      chạy tiếp và kiểm tra lại mỗi khi một tệp đầu vào (danh mục, quy tắc, lớp, phương án) được lưu; Ctrl-C để dừng /",
  "               keep running and check again whenever an input file (catalogue, rules, layer, proposal) is saved; Ctrl-C to stop",
  "  --engine     in-process (mặc định / default) hoặc / or postgis: chạy cùng quy tắc bằng SQL trong PostGIS / run the same rules as SQL inside PostGIS",
  "  --database   địa chỉ cơ sở dữ liệu PostGIS cho --engine postgis (hoặc biến môi trường PLAN_LAYERS_DATABASE_URL; không bao giờ được in ra) /",
  "               the PostGIS database for --engine postgis (or the PLAN_LAYERS_DATABASE_URL environment variable; never printed)",
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
export function parseCheckArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): CheckArgs {
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
  const window = values.window === undefined ? null : Number(values.window);
  if (window !== null && !(Number.isInteger(window) && window >= 1)) {
    throw usageError(
      `--window phải là số nguyên dương, không phải "${values.window}"`,
      `--window must be a positive integer, not "${values.window}"`,
    );
  }
  for (const key of [
    "catalog",
    "proposal-layer",
    "source-layer",
    "out",
    "crs",
    "land-use-attribute",
  ] as const) {
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
  if (values.proposal?.some((path) => path === "")) {
    throw usageError("--proposal cần một giá trị", "--proposal needs a value");
  }
  for (const key of ["crs", "land-use-attribute", "source-layer"] as const) {
    if (values[key] !== undefined && values.proposal === undefined) {
      throw usageError(
        `--${key} chỉ dùng cùng --proposal`,
        `--${key} applies to a --proposal only`,
      );
    }
  }
  if (values.watch && values.compare) {
    throw usageError(
      "--watch kiểm tra lại các quy tắc; không dùng cùng --compare",
      "--watch checks the rules again; it does not take --compare",
    );
  }
  let crs: CrsChoice | null = null;
  if (values.crs !== undefined) {
    const parsed = parseCrsChoice(values.crs);
    if (!parsed.ok) throw usageError(`--crs: ${parsed.error.vi}`, `--crs: ${parsed.error.en}`);
    crs = parsed.choice;
  }
  const engine = values.engine ?? "in-process";
  if (!(CHECK_ENGINES as readonly string[]).includes(engine)) {
    throw usageError(
      `--engine phải là ${CHECK_ENGINES.join(" hoặc ")}, không phải "${engine}"`,
      `--engine must be ${CHECK_ENGINES.join(" or ")}, not "${engine}"`,
    );
  }
  let database: string | null = null;
  if (engine === "postgis") {
    database = values.database ?? env[DATABASE_ENV] ?? null;
    if (!database) {
      throw usageError(
        `--engine postgis cần cơ sở dữ liệu: --database postgres://… hoặc biến môi trường ${DATABASE_ENV}`,
        `--engine postgis needs a database: --database postgres://… or the ${DATABASE_ENV} environment variable`,
      );
    }
    if (values.compare) {
      throw usageError(
        "--compare chạy trong tiến trình này, không dùng cùng --engine postgis",
        "--compare runs in this process; it does not take --engine postgis",
      );
    }
  } else if (values.database !== undefined) {
    throw usageError(
      "--database chỉ dùng cùng --engine postgis",
      "--database applies to --engine postgis only",
    );
  }
  return {
    catalog: values.catalog ?? DEFAULT_CATALOG,
    proposal: values.proposal ?? null,
    crs,
    landUseAttribute: values["land-use-attribute"] ?? null,
    proposalLayer: values["proposal-layer"] ?? null,
    sourceLayer: values["source-layer"] ?? null,
    rules,
    format: format as FindingFormat,
    out: values.out ?? null,
    timings: values.timings ?? false,
    workers,
    compare: values.compare ?? false,
    engine: engine as CheckEngine,
    database,
    window,
    watch: values.watch ?? false,
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
      proposal: { type: "string", multiple: true },
      crs: { type: "string" },
      "land-use-attribute": { type: "string" },
      "proposal-layer": { type: "string" },
      "source-layer": { type: "string" },
      rules: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      timings: { type: "boolean" },
      workers: { type: "string" },
      compare: { type: "boolean" },
      engine: { type: "string" },
      database: { type: "string" },
      window: { type: "string" },
      watch: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** The inputs the arguments choose: what the check and the comparison both read. */
export function checkSourceOf(args: CheckArgs): CheckSource {
  return {
    catalog: args.catalog,
    proposal: args.proposal,
    crs: args.crs,
    landUseAttribute: args.landUseAttribute,
    proposalLayer: args.proposalLayer,
    sourceLayer: args.sourceLayer,
    rules: args.rules,
    window: args.window,
  };
}
