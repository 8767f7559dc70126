import type { Feature, FeatureCollection, Geometry } from "geojson";
import {
  type Bilingual,
  describeFeature,
  issueIn,
  type ProblemCode,
  type ValidationIssue,
} from "../core/validate/validation-issue";
import type { ReadResult } from "./format-types";
import { type Normalized, normalizeGeometry } from "./geometry/normalize-geometry";

/** A problem about one feature, numbered when the file's count is known. */
type Pending = {
  index: number;
  label: string | null;
  code: ProblemCode;
  message: Bilingual;
  severity: "error" | "warning";
};

/** The first feature something was found in, and how many. */
type Tally = { count: number; first: { index: number; label: string | null } | null };

const tally = (): Tally => ({ count: 0, first: null });

function mark(t: Tally, index: number, label: string | null) {
  t.count++;
  t.first ??= { index, label };
}

/** "đối tượng 3 (id "Z3")" / "feature 3 (id "Z3")": where the first of many is. */
function firstOf(t: Tally): Bilingual {
  const first = t.first as { index: number; label: string | null };
  const label = first.label ? `; ${first.label}` : "";
  return {
    vi: `đầu tiên: đối tượng ${first.index + 1} (features[${first.index}]${label})`,
    en: `first: feature ${first.index + 1} (features[${first.index}]${label})`,
  };
}

/**
 * The geometry a sink keeps of `raw`, normalised as `normalized` says: a merged collection's
 * Multi* geometry, null for an empty collection, else `raw` (its heights dropped in place).
 */
function kept(raw: unknown, normalized: Extract<Normalized, { ok: true }>): Geometry | null {
  if (normalized.merged > 0) return normalized.geometry as Geometry;
  return normalized.geometry === null ? null : (raw as Geometry);
}

/**
 * The geometry {@link FeatureSink.add} keeps of a feature whose geometry is `raw`; null when it
 * has none or would be left out. For reading a feature's geometry again once its problems are
 * known (a streamed layer's second pass), without a sink.
 */
export function keptGeometry(raw: unknown): Geometry | null {
  const normalized = normalizeGeometry(raw);
  return normalized.ok ? kept(raw, normalized) : null;
}

/**
 * Collects a reader's features and problems. Every feature goes through the same normalisation
 * ({@link normalizeGeometry}): heights dropped and counted (said once per file), homogeneous
 * collections merged (said once), mixed ones left out with an error. A feature left out keeps its
 * number in the file: `positions` maps the collection back to it.
 */
export class FeatureSink {
  private features: Feature[] = [];
  private index: number[] = [];
  private pending: Pending[] = [];
  private readonly fileProblems: ValidationIssue[] = [];
  private readonly heights = tally();
  private readonly merged = tally();
  private leftOut = 0;
  /** Features added, over every batch. */
  private added = 0;

  constructor(readonly file: string) {}

  /** Features kept so far (over every batch). */
  get size(): number {
    return this.added;
  }

  /** Adds feature `index` of the file (its geometry normalised), or leaves it out with an error. */
  add(input: Feature, index: number): void {
    const feature = input as Omit<Feature, "geometry"> & { geometry: unknown };
    const normalized = normalizeGeometry(feature.geometry);
    if (!normalized.ok) {
      this.leaveOut(index, describeFeature(feature), "geometry-collection", normalized.message);
      return;
    }
    if (normalized.hasZ) mark(this.heights, index, describeFeature(feature));
    if (normalized.merged > 0) mark(this.merged, index, describeFeature(feature));
    feature.geometry = kept(feature.geometry, normalized);
    if (feature.geometry === null) {
      this.warn(index, describeFeature(feature), "no-geometry", {
        vi: "không có hình học (geometry rỗng); đối tượng được giữ nhưng không được kiểm tra",
        en: "has no geometry (null); it is kept but cannot be checked",
      });
    }
    this.features.push(input);
    this.index.push(index);
    this.added++;
  }

  /** Feature `index` of the file could not be read: an error naming it, and it is left out. */
  leaveOut(index: number, label: string | null, code: ProblemCode, message: Bilingual): void {
    this.leftOut++;
    this.pending.push({ index, label, code, message, severity: "error" });
  }

  /** A feature of the file left out on purpose (said by the reader once for all of them). */
  skip(): void {
    this.leftOut++;
  }

  /** A warning about feature `index` of the file. */
  warn(index: number, label: string | null, code: ProblemCode, message: Bilingual): void {
    this.pending.push({ index, label, code, message, severity: "warning" });
  }

  /** A problem about the whole file. */
  problem(code: ProblemCode, message: Bilingual, severity: "error" | "warning" = "error"): void {
    this.fileProblems.push(issueIn(this.file, null, code, message, severity));
  }

  /**
   * The result, the file having `count` features in all (read or not; default: every feature
   * added or left out).
   */
  finish(
    rest: Pick<ReadResult, "format" | "crs"> & Partial<Pick<ReadResult, "encoding">>,
    count = this.added + this.leftOut,
  ): ReadResult {
    const batch = this.takeBatch(rest, count);
    return { ...batch, problems: [...this.fileLevel(count), ...batch.problems] };
  }

  /**
   * The features added since the last batch and their own problems, taken out of the sink,
   * numbered as in the file of `count` features. What is said of the whole file (its own problems,
   * heights dropped, collections merged: each once, with the count of the whole file) comes with
   * {@link finish}. For a file read a batch at a time through one sink (a streamed layer's first
   * pass), so memory holds one batch and the file's problems are said as a whole read says them.
   */
  takeBatch(
    rest: Pick<ReadResult, "format" | "crs"> & Partial<Pick<ReadResult, "encoding">>,
    count: number,
  ): ReadResult {
    const problems: ValidationIssue[] = [];
    for (const p of this.pending.sort((a, b) => a.index - b.index)) {
      const ref = { index: p.index, count, label: p.label };
      problems.push(issueIn(this.file, ref, p.code, p.message, p.severity));
    }
    const collection: FeatureCollection = { type: "FeatureCollection", features: this.features };
    const moved = this.leftOut > 0 || count !== this.features.length;
    const index = this.index;
    this.features = [];
    this.index = [];
    this.pending = [];
    return {
      ...rest,
      file: this.file,
      collection,
      problems,
      ...(moved ? { positions: { index, count } } : {}),
    };
  }

  /** The problems about the whole file, the file having `count` features in all. */
  private fileLevel(count: number): ValidationIssue[] {
    const problems = [...this.fileProblems];
    if (this.heights.count > 0) {
      const where = firstOf(this.heights);
      problems.push(
        issueIn(
          this.file,
          null,
          "has-z",
          {
            vi: `${this.heights.count}/${count} đối tượng có tọa độ 3 chiều (độ cao Z); đã bỏ độ cao, chỉ dùng x, y (${where.vi})`,
            en: `${this.heights.count} of ${count} features have 3D coordinates (a height Z); the heights were dropped, only x and y are used (${where.en})`,
          },
          "warning",
        ),
      );
    }
    if (this.merged.count > 0) {
      const where = firstOf(this.merged);
      problems.push(
        issueIn(
          this.file,
          null,
          "geometry-collection",
          {
            vi: `${this.merged.count}/${count} đối tượng là GeometryCollection (MultiGeometry) chỉ gồm một loại hình; đã đọc thành một hình Multi* (${where.vi})`,
            en: `${this.merged.count} of ${count} features are GeometryCollections (MultiGeometry) of one kind of geometry; each was read as one Multi* geometry (${where.en})`,
          },
          "warning",
        ),
      );
    }
    return problems;
  }
}
