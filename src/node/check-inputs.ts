import { basename, dirname, resolve } from "node:path";
import type { Feature, FeatureCollection } from "geojson";
import { districtLayer } from "../core/catalog/catalog-queries";
import { type Rule, referencedLayers } from "../core/catalog/rules-schema";
import type { PostgisTable } from "../core/catalog/schema";
import { type LayerEntry, postgisTable } from "../core/catalog/schema";
import type { CheckInput } from "../core/check/index";
import type { CrsChoice } from "../core/crs/index";
import { codeAttributeOf, proposalCandidates } from "../core/proposal/target";
import type { GeometryKind } from "../core/validate/validate-layer";
import { CheckInputError, inputError, shownPath } from "./check-error";
import { type LoadedCatalog, loadCatalog, selectRules } from "./load-catalog";
import { type ProposalRead, type ReadLayer, readLayerFile, readProposalFiles } from "./read-layer";
import { readStreamedLayer } from "./streamed-layer";
import type { StreamedRecords } from "./streamed-records";

/** What to check: the options of `npm run check` that choose inputs (plain data, sent to workers). */
export type CheckSource = {
  catalog: string;
  /** The proposal's file, or the files of a Shapefile set; null: none. */
  proposal: string[] | null;
  /** The proposal's CRS given by the user (`--crs`). */
  crs: CrsChoice | null;
  /** The proposal's land-use attribute given by the user (`--land-use-attribute`). */
  landUseAttribute: string | null;
  proposalLayer: string | null;
  /** The layer read from a proposal file holding several (`--source-layer`); absent: the first. */
  sourceLayer?: string | null;
  rules: string[] | null;
  /** `--window`: see {@link readStreamedLayer}; absent or null: only layers of 64 MiB or more. */
  window?: number | null;
};

/**
 * A layer file to read, absolute path; or, for a `postgis:schema.table` source, the table (`path`
 * is then the source as written, for messages).
 */
export type LayerFile = {
  id: string;
  path: string;
  kind: GeometryKind;
  hint?: string;
  table?: PostgisTable;
};

/** Reads a layer whose source is a PostGIS table (the PostGIS engine's; absent in process). */
export type TableReader = (file: LayerFile & { table: PostgisTable }) => Promise<ReadLayer>;

/**
 * Where the PostGIS engine copies a layer's features as its reader validates them, so the file is
 * read once (absent in process): `add` is given each run of valid features in file order, then
 * `finish` once the whole layer was found valid, or `abandon` when it was not.
 */
export type FeatureLoad = {
  /**
   * `records`: the features' ids and attributes as a streamed layer's first pass keeps them
   * (given for a streamed layer's batches, so a load that sends them on need not make them again).
   */
  add(features: readonly Feature[], records?: StreamedRecords): Promise<void>;
  finish(): Promise<void>;
  abandon(): Promise<void>;
};

/** The load of a layer file's features, or null: not loaded as it is read. */
export type LoadAsRead = (file: LayerFile) => FeatureLoad | null;

/** The proposal's files (absolute paths) and how to read it. */
export type ProposalFiles = { paths: string[] } & ProposalRead;

/** The catalogue and rules read and checked, and the layer files still to read. */
export type InputPlan = {
  loaded: LoadedCatalog;
  rules: Rule[];
  files: LayerFile[];
  /** The district layer, read only to say where findings lie (missing: a warning, not an error). */
  districts: LayerFile | null;
  /**
   * The layer the proposal replaces, the proposal file as the user sees it, and how to read it
   * (the proposal is in `files` too, under the layer's id).
   */
  proposal: ({ layer: string; file: string } & ProposalFiles) | null;
  /** Prepared geometries a streamed layer keeps (`--window`); null: the default. */
  window: number | null;
};

export type LoadedInputs = {
  plan: InputPlan;
  input: CheckInput;
  /** Things the user should know that do not stop the check (printed on stderr). */
  warnings: string[];
};

/**
 * The city-level layer a proposal replaces: `--proposal-layer` if given, else the one city-level
 * layer the selected rules take as subject.
 *
 * @throws CheckInputError when there is none, or several and no `--proposal-layer`
 */
function proposalTarget(
  rules: readonly Rule[],
  entries: ReadonlyMap<string, LayerEntry>,
  chosen: string | null,
): LayerEntry {
  const subjects = [...new Set(rules.map((r) => r.subject.layer))];
  const ids = proposalCandidates([...entries.values()], rules).map((l) => l.id);
  if (chosen) {
    const entry = entries.get(chosen);
    if (!entry || !subjects.includes(chosen)) {
      throw inputError("--proposal-layer", {
        vi: `"${chosen}" không phải lớp được kiểm tra bởi các quy tắc đã chọn (${subjects.join(", ")})`,
        en: `"${chosen}" is not a layer the selected rules check (${subjects.join(", ")})`,
      });
    }
    return entry;
  }
  if (ids.length === 1) return entries.get(ids[0] as string) as LayerEntry;
  if (ids.length === 0) {
    throw inputError("--proposal", {
      vi: "không quy tắc nào được chọn kiểm tra một lớp quy hoạch cấp thành phố",
      en: "none of the selected rules checks a city-level plan layer",
    });
  }
  throw inputError("--proposal", {
    vi: `các quy tắc kiểm tra nhiều lớp cấp thành phố (${ids.join(", ")}); chọn một bằng --proposal-layer`,
    en: `the rules check several city-level layers (${ids.join(", ")}); pick one with --proposal-layer`,
  });
}

/** Hint for a missing layer file: built layers come from the data step. */
export function missingHint(path: string): string | undefined {
  return basename(dirname(path)) === "data"
    ? "chạy npm run data trước / run npm run data first"
    : undefined;
}

/** Where a catalogue entry's layer is read from: a file beside the catalogue, or a PostGIS table. */
function layerFile(id: string, source: string, base: string, kind: GeometryKind): LayerFile {
  const table = postgisTable(source);
  if (table) return { id, path: source, kind, table };
  const path = resolve(base, source);
  const hint = missingHint(path);
  return { id, path, kind, ...(hint ? { hint } : {}) };
}

/**
 * The in-process engine reads files: a layer kept in a PostGIS table is checked where it is, by the
 * PostGIS engine.
 */
function tableNeedsPostgis(plan: InputPlan, file: LayerFile): CheckInputError {
  return inputError(shownPath(plan.loaded.catalogPath), {
    vi: `lớp "${file.id}" lấy từ bảng PostGIS (${file.path}); bảng chỉ kiểm tra được trong cơ sở dữ liệu: chạy với --engine postgis --database postgres://…`,
    en: `layer "${file.id}" comes from a PostGIS table (${file.path}); a table is checked inside its database: run with --engine postgis --database postgres://…`,
  });
}

/**
 * Reads the catalogue and rules and decides which files the check reads: every layer the selected
 * rules name (paths relative to the catalogue file), the proposal in place of its city layer, and
 * the district layer when the catalogue has one.
 *
 * @throws CheckInputError for a bad catalogue, rules file or option
 */
export async function planInputs(source: CheckSource): Promise<InputPlan> {
  const loaded = await loadCatalog(source.catalog);
  const rules = selectRules(loaded, source.rules);
  const entries = new Map(loaded.catalog.layers.map((l) => [l.id, l]));
  const base = dirname(loaded.catalogPath);
  const target = source.proposal ? proposalTarget(rules, entries, source.proposalLayer) : null;
  const needed = [...new Set(rules.flatMap((r) => referencedLayers(r).map((l) => l.id)))];
  const proposalPaths = (source.proposal ?? []).map((path) => resolve(path));
  const files = needed.map((id): LayerFile => {
    const entry = entries.get(id) as LayerEntry;
    if (target && id === target.id) {
      return { id, path: proposalPaths[0] as string, kind: entry.geometryType };
    }
    return layerFile(id, entry.source, base, entry.geometryType);
  });
  const district = districtLayer(loaded.catalog.layers);
  const districts =
    district && !needed.includes(district.id)
      ? layerFile(district.id, district.source, base, "polygon")
      : null;
  const proposal = target
    ? {
        layer: target.id,
        file: proposalPaths.map(shownPath).join(", "),
        paths: proposalPaths,
        kind: target.geometryType,
        attribute: codeAttributeOf(rules, target),
        crs: source.crs,
        landUseAttribute: source.landUseAttribute,
        sourceLayer: source.sourceLayer ?? null,
      }
    : null;
  return { loaded, rules, files, districts, proposal, window: source.window ?? null };
}

/**
 * Reads every file of the plan concurrently into the engine's input. Every bad file is reported,
 * not only the first. `loadAsRead` (the PostGIS engine's): each layer file's features are handed
 * on as they are validated, a streamed layer's a batch at a time during its one pass.
 *
 * @throws CheckInputError naming each bad file and feature
 */
export async function readInputs(
  plan: InputPlan,
  readTable?: TableReader,
  loadAsRead?: LoadAsRead,
): Promise<LoadedInputs> {
  const warnings: string[] = [];
  const { proposal } = plan;
  const read = async (f: LayerFile): Promise<ReadLayer> => {
    if (f.table) {
      if (!readTable) throw tableNeedsPostgis(plan, f);
      return readTable({ ...f, table: f.table });
    }
    const load = loadAsRead?.(f) ?? null;
    const isProposal = proposal?.layer === f.id;
    try {
      // Both engines stream the same layers the same way, holding only the ids and attributes the
      // rules read; the PostGIS engine copies each batch of a streamed layer as it is validated.
      const streamed = isProposal
        ? null
        : await readStreamedLayer(f.path, f.kind, {
            window: plan.window,
            ...(f.hint ? { hint: f.hint } : {}),
            ...(load ? { validated: (features, records) => load.add(features, records) } : {}),
          });
      const layer =
        streamed ??
        (isProposal
          ? await readProposalFiles(proposal.paths, proposal)
          : await readLayerFile(f.path, f.kind, f.hint));
      // a layer read whole: its features, all validated, copied once read
      if (load && !streamed) await load.add(layer.collection.features);
      await load?.finish();
      return layer;
    } catch (error) {
      // the reason the layer failed is what the user needs, not a failing clean-up's
      await load?.abandon().catch(() => undefined);
      throw error;
    }
  };
  for (const f of [...plan.files, ...(plan.districts ? [plan.districts] : [])]) {
    if (f.table && !readTable && proposal?.layer !== f.id) throw tableNeedsPostgis(plan, f);
  }
  const jobs = plan.files.map(async (f): Promise<[string, ReadLayer]> => [f.id, await read(f)]);
  const districtJob = plan.districts
    ? read(plan.districts).then(
        (read) => read.collection,
        (error: unknown) => {
          // Districts only say where a finding lies; without them the check still runs.
          if (!(error instanceof CheckInputError)) throw error;
          const note = "Cảnh báo / Warning (không ghi được quận, huyện / districts not named): ";
          warnings.push(...error.lines.map((line) => line.replace(/^Lỗi \/ Error: /, note)));
          return undefined;
        },
      )
    : Promise.resolve(undefined);
  const [settled, districtFile] = await Promise.all([Promise.allSettled(jobs), districtJob]);
  const lines: string[] = [];
  const layers: Record<string, FeatureCollection> = {};
  for (const s of settled) {
    if (s.status === "fulfilled") {
      layers[s.value[0]] = s.value[1].collection;
      warnings.push(...s.value[1].warnings);
    } else if (s.reason instanceof CheckInputError) lines.push(...s.reason.lines);
    else throw s.reason;
  }
  if (lines.length > 0) throw new CheckInputError(lines);
  const district = districtLayer(plan.loaded.catalog.layers);
  const districts = district ? (layers[district.id] ?? districtFile) : undefined;
  const input: CheckInput = { layers, rules: plan.rules, catalog: plan.loaded.catalog.layers };
  if (districts) input.districts = districts;
  return { plan, input, warnings };
}

/** {@link planInputs} then {@link readInputs}. */
export async function loadCheckInputs(source: CheckSource): Promise<LoadedInputs> {
  return readInputs(await planInputs(source));
}
