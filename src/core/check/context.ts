import Flatbush from "flatbush";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { LayerSelection, Rule } from "../catalog/rules-schema";
import type { LayerEntry, LocalizedText } from "../catalog/schema";
import { type BoxCover, boxCover, mayMeet } from "./box-cover";
import { type DistrictIndex, districtsOfArea, districtsOfPoints } from "./district-index";
import { ellipsoidalArea } from "./ellipsoidal-area";
import { featureId } from "./feature-id";
import { findingId } from "./finding-id";
import { boxAt } from "./geometry-pack";
import type { ClipKernel } from "./kernel";
import { type CodeColumn, codeOf, filterHoldsCodes, readCodeColumn } from "./land-use-attribute";
import { lazyLayout, RecentCache } from "./lazy-layer";
import { madeValid } from "./made-valid";
import {
  areaOf,
  type PreparedGeometry,
  polygonBox,
  prepareGeometry,
  preparePolygons,
} from "./prepared-geometry";
import { adjustmentMessage, prevailingEntry, toPrevailing } from "./prevailing";
import { type Relation, relate } from "./relate";
import { intersectSimplePolygons } from "./ring-overlay";
import type { CheckStats, Finding, Polygons, Prevailing } from "./types";

/** A layer's features with ids and lazily prepared polygon geometry, shared by every rule. */
export type PreparedLayer = {
  id: string;
  entry: LayerEntry | undefined;
  /** Whether its geometries are read from a file when used (`lazyCollection`). */
  streamed: boolean;
  features: Feature[];
  ids: string[];
  /** Feature `index`'s polygonal part, prepared (and made valid: `repair`); null when none. */
  geometry(index: number): PreparedGeometry | null;
  /**
   * Lets go of feature `index`'s prepared geometry (prepared again if asked for): what a thread
   * does with the subjects of a window it has checked, when no rule reads them as constraints.
   */
  forget(index: number): void;
  /** Boxes holding the features' prepared boxes, known without reading them (`LazyLayout.boxes`). */
  boxes?: Float64Array;
  /**
   * Boxes holding the features' prepared boxes up to the rounding of a repair, known without
   * preparing them, as `boxAt` reads them (NaN: nothing to prepare): `boxes` when the layer knows
   * them, else the boxes of the features' positions (`positionBoxes`), worked out on first use.
   */
  roughBoxes(): Float64Array;
  /** Feature i's position in a spatial order (see `LazyLayout.rank`). */
  rank?: ArrayLike<number>;
  /** Keys of the features' properties (any feature), read once. */
  attributeNames(): ReadonlySet<string>;
  /** `attribute` read as land-use codes, once for every rule that reads it so. */
  codeColumn(attribute: string): CodeColumn;
};

/**
 * Wraps a layer's features: ids now, geometry prepared on first use (a partition touches few).
 * `repair`: invalid polygons are made valid (`madeValid`), as the checker's rules measure them; the
 * plan comparison keeps them as written and reports them instead.
 */
export function prepareLayer(
  id: string,
  collection: FeatureCollection,
  entry: LayerEntry | undefined,
  options: { repair?: boolean } = {},
): PreparedLayer {
  const features = collection.features;
  const prepare = options.repair
    ? (g: Geometry | null) => madeValid(prepareGeometry(g))
    : prepareGeometry;
  const ids = features.map((f, i) => featureId(f, i));
  // a streamed layer keeps a window of its prepared geometries, any other layer all it prepares
  const layout = lazyLayout(collection);
  const window = layout?.window ?? features.length;
  const recent =
    window >= features.length
      ? null
      : new RecentCache<PreparedGeometry | null>(window, features.length);
  const cache: (PreparedGeometry | null | undefined)[] = recent ? [] : new Array(features.length);
  let names: Set<string> | undefined;
  const columns = new Map<string, CodeColumn>();
  let roughBoxes: Float64Array | undefined;
  return {
    id,
    entry,
    streamed: layout !== undefined,
    features,
    ids,
    ...(layout?.boxes ? { boxes: layout.boxes } : {}),
    ...(layout?.rank ? { rank: layout.rank } : {}),
    geometry(index) {
      if (recent) {
        let g = recent.get(index);
        if (g === undefined) {
          g = prepare(features[index]?.geometry ?? null);
          recent.set(index, g);
        }
        return g;
      }
      let g = cache[index];
      if (g === undefined) {
        g = prepare(features[index]?.geometry ?? null);
        cache[index] = g;
      }
      return g;
    },
    forget(index) {
      // a streamed layer's window lets go of them already
      if (!recent) cache[index] = undefined;
    },
    roughBoxes() {
      roughBoxes ??= layout?.boxes ?? positionBoxes(features);
      return roughBoxes;
    },
    attributeNames() {
      if (!names) {
        names = new Set();
        for (const f of features) for (const key of Object.keys(f.properties ?? {})) names.add(key);
      }
      return names;
    },
    codeColumn(attribute) {
      let column = columns.get(attribute);
      if (!column) {
        column = readCodeColumn(features, attribute);
        columns.set(attribute, column);
      }
      return column;
    },
  };
}

/**
 * The boxes of the features' positions (`polygonBox`) as `boxAt` reads them (NaN: none). All at
 * once, in file order: asked for in a rule's spatial order, features lie scattered over the
 * reader's numbers, and reading them so took three times as long; one array, not an array per
 * feature, which the garbage collector would copy while the check runs.
 */
function positionBoxes(features: Feature[]): Float64Array {
  const boxes = new Float64Array(4 * features.length).fill(Number.NaN);
  features.forEach((f, i) => {
    const box = polygonBox(f.geometry ?? null);
    if (box) boxes.set(box, 4 * i);
  });
  return boxes;
}

/**
 * Whether a feature passes a selection's filter, read from its attributes alone: an absent value
 * never passes, a number passes as its text. A filter on land-use codes compares the feature's code
 * as `readCodeColumn` reads it ("odt" is ODT), so a value written loosely is not left out.
 */
export function selectionTest(selection: LayerSelection): (feature: Feature) => boolean {
  const filter = selection.filter;
  if (!filter) return () => true;
  if (filterHoldsCodes(filter)) {
    const wanted = new Set(filter.in);
    return (f) => {
      const code = codeOf(f.properties?.[filter.attribute]);
      return code !== null && wanted.has(code);
    };
  }
  const wanted = new Set(filter.in.map(String));
  return (f) => {
    const value = f.properties?.[filter.attribute];
    return value !== undefined && value !== null && wanted.has(String(value));
  };
}

/** Each layer's selections, by filter: several rules pick the same features of a layer. */
const selections = new WeakMap<PreparedLayer, Map<string, number[]>>();

/**
 * Indices of the layer's features passing the selection's filter (`selectionTest`), ascending; a
 * filter on land-use codes reads the layer's code column, read once for every rule. Worked out
 * once per layer and filter, for every rule that selects so (the same array: never changed):
 * twelve rules over a 100 000-zone proposal went over its features twelve times each.
 */
export function select(layer: PreparedLayer, selection: LayerSelection): number[] {
  const filter = selection.filter;
  const key = filter ? JSON.stringify([filter.attribute, filter.in]) : "";
  let known = selections.get(layer);
  if (!known) {
    known = new Map();
    selections.set(layer, known);
  }
  let out = known.get(key);
  if (!out) {
    out = selectFresh(layer, selection);
    known.set(key, out);
  }
  return out;
}

function selectFresh(layer: PreparedLayer, selection: LayerSelection): number[] {
  const out: number[] = [];
  const filter = selection.filter;
  if (filter && filterHoldsCodes(filter)) {
    const wanted = new Set(filter.in);
    const codes = layer.codeColumn(filter.attribute).codes;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code !== null && code !== undefined && wanted.has(code)) out.push(i);
    }
    return out;
  }
  const test = selectionTest(selection);
  const features = layer.features;
  for (let i = 0; i < features.length; i++) if (test(features[i] as Feature)) out.push(i);
  return out;
}

/**
 * R-tree over selected features' polygon bounding boxes; item k is feature members[k] (ascending).
 * `narrow`: the boxes are the layer's `boxes`, which may be larger than the prepared geometries'
 * (and hold features with nothing to prepare): what the tree finds is narrowed on the prepared ones.
 */
export type ConstraintIndex = {
  tree: Flatbush | null;
  members: number[];
  narrow?: PreparedLayer;
  /** Where the indexed boxes lie (see `preparedIfNear`); null when there are none. */
  cover: BoxCover | null;
};

/**
 * Indexes the polygon bounding boxes of the selected features (features without polygons left
 * out). A layer that knows its boxes (`box`) is indexed without reading its geometries: a thread
 * then reads only the constraint features near the subjects it checks.
 */
export function indexPolygons(layer: PreparedLayer, members: number[]): ConstraintIndex {
  const known = layer.boxes;
  const box = known ? (i: number) => boxAt(known, i) : null;
  const kept = box
    ? members.filter((i) => box(i) !== null)
    : members.filter((i) => layer.geometry(i) !== null);
  if (kept.length === 0) return { tree: null, members: kept, cover: null };
  const boxes = new Float64Array(4 * kept.length);
  kept.forEach((i, k) => {
    boxes.set(box ? (box(i) as number[]) : (layer.geometry(i) as PreparedGeometry).bbox, 4 * k);
  });
  const { tree, cover } = boxIndex(boxes, kept.length);
  return box ? { tree, members: kept, narrow: layer, cover } : { tree, members: kept, cover };
}

/** The R-tree and the cover of `count` boxes, box k at `boxes[4k…4k + 3]`; item k is box k. */
export function boxIndex(boxes: Float64Array, count: number): { tree: Flatbush; cover: BoxCover } {
  const tree = new Flatbush(count);
  for (let k = 0; k < count; k++) {
    tree.add(
      boxes[4 * k] as number,
      boxes[4 * k + 1] as number,
      boxes[4 * k + 2] as number,
      boxes[4 * k + 3] as number,
    );
  }
  tree.finish();
  return { tree, cover: boxCover(boxes, count) };
}

/** Whether the prepared geometry of feature j of `layer` exists and its box meets g's. */
function meetsPrepared(layer: PreparedLayer, j: number, g: PreparedGeometry): boolean {
  const c = layer.geometry(j);
  if (!c) return false;
  const [minX, minY, maxX, maxY] = c.bbox;
  return !(maxX < g.bbox[0] || g.bbox[2] < minX || maxY < g.bbox[1] || g.bbox[3] < minY);
}

/** Indexed features whose bounding box meets g's, in layer order (so output order is stable). */
export function candidates(index: ConstraintIndex, g: PreparedGeometry): number[] {
  if (!index.tree) return [];
  const hits = index.tree.search(g.bbox[0], g.bbox[1], g.bbox[2], g.bbox[3]);
  // in place: members are ascending, so ordering the tree's item numbers orders the features; an
  // insertion sort, since a zone meets a handful of constraint features
  if (hits.length > 32) hits.sort((a, b) => a - b);
  else
    for (let a = 1; a < hits.length; a++) {
      const k = hits[a] as number;
      let b = a;
      for (; b > 0 && (hits[b - 1] as number) > k; b--) hits[b] = hits[b - 1] as number;
      hits[b] = k;
    }
  for (let a = 0; a < hits.length; a++) hits[a] = index.members[hits[a] as number] as number;
  const narrow = index.narrow;
  if (!narrow) return hits;
  // the hits of the prepared boxes, in the same order (each lies inside its feature's box)
  let kept = 0;
  for (let a = 0; a < hits.length; a++) {
    const j = hits[a] as number;
    if (meetsPrepared(narrow, j, g)) hits[kept++] = j;
  }
  hits.length = kept;
  return hits;
}

/**
 * How far repairing a geometry (`madeValid`: its vertices rounded to the kernel's 1e-9° grid) may
 * move its box beyond its positions': `preparedIfNear` looks that much wider.
 */
const REPAIR_MARGIN = 1e-8;

/**
 * Feature i of `layer`, prepared, unless the box of its positions lies clear of every indexed box
 * (by the index's cover: `mayMeet`): `candidates` would find nothing for it then, so it is not
 * prepared (validated and maybe repaired) for nothing. At 50 000 × 5 000 of the benchmark, 14 575
 * of the 25 948 zones a rule checks meet no constraint feature's box.
 */
export function preparedIfNear(
  index: ConstraintIndex,
  layer: PreparedLayer,
  i: number,
): PreparedGeometry | null {
  if (!index.cover) return null;
  const boxes = layer.roughBoxes();
  const minX = boxes[4 * i] as number;
  // NaN: no polygon
  if (!(minX <= (boxes[4 * i + 2] as number))) return null;
  const m = REPAIR_MARGIN;
  const near = mayMeet(
    index.cover,
    minX - m,
    (boxes[4 * i + 1] as number) - m,
    (boxes[4 * i + 2] as number) + m,
    (boxes[4 * i + 3] as number) + m,
  );
  return near ? layer.geometry(i) : null;
}

/** What every rule module gets: the layers, the kernel, the district index and the counters. */
export type Engine = {
  layers: Map<string, PreparedLayer>;
  kernel: ClipKernel;
  /**
   * Whether overlaps of polygons made of simple rings skip the kernel (`intersectSimplePolygons`:
   * a few times cheaper per pair, and exact where the kernel rounds crossings to its grid). Off when a
   * kernel is injected, so that one sees every pair.
   */
  ringOverlay: boolean;
  districts: DistrictIndex;
  /** Whether findings keep their geometry (`CheckInput.findingGeometry`). */
  findingGeometry: boolean;
  stats: CheckStats;
};

/**
 * A part of a subject in conflict, as polygons; `whole` when it is all of one prepared geometry
 * (whose polygons are then built only when read: a finding written without its geometry never
 * reads them).
 */
export type AreaPart = { readonly polygons: Polygons; readonly whole?: PreparedGeometry };

/** Overlap of two prepared geometries, or null when their interiors do not meet. */
export type Overlap = AreaPart & { area: number };

/** All of `g` as an overlap, its polygons read from it when asked for. */
function wholeOverlap(g: PreparedGeometry): Overlap {
  return {
    area: areaOf(g),
    whole: g,
    get polygons() {
      return g.polygons;
    },
  };
}

/**
 * s ∩ c with the shortcuts of `relate`: disjoint pairs and pairs where one lies inside the other need
 * no clipping (the overlap is that one, whose area is cached). `relation` is `relate(s, c)`, passed
 * by a caller that needed it already. Throws what the kernel throws.
 */
export function overlapOf(
  engine: Engine,
  s: PreparedGeometry,
  c: PreparedGeometry,
  relation: Relation = relate(s, c),
): Overlap | null {
  engine.stats.candidatePairs++;
  if (relation.kind === "disjoint") {
    engine.stats.shortcutPairs++;
    return null;
  }
  if (relation.kind === "subset") {
    engine.stats.shortcutPairs++;
    const g = relation.of === "a" ? s : c;
    if (relation.whole) return wholeOverlap(g);
    const polygons = relation.parts.map((p) => g.polygons[p] as Polygons[number]);
    return polygons.length > 0 ? { polygons, area: ellipsoidalArea(polygons) } : null;
  }
  engine.stats.kernelCalls++;
  const grid = engine.ringOverlay ? engine.kernel.grid : undefined;
  const overlap = (grid ? intersectSimplePolygons(s, c, grid) : null) ?? clipped(engine, s, c);
  // no part at all (an area of 0 may still have parts, for a caller to see)
  return overlap.area === 0 && overlap.polygons.length === 0 ? null : overlap;
}

/** s ∩ c by the clipping kernel, measured. */
function clipped(engine: Engine, s: PreparedGeometry, c: PreparedGeometry): Overlap {
  const polygons = engine.kernel.intersection(s.polygons, c.polygons);
  return { polygons, area: ellipsoidalArea(polygons) };
}

/** Polygon parts as a GeoJSON geometry: Polygon for one part, MultiPolygon for more, null for none. */
export function toGeometry(polygons: Polygons): Geometry | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1)
    return { type: "Polygon", coordinates: polygons[0] as Polygons[number] };
  return { type: "MultiPolygon", coordinates: polygons };
}

const subjectDistricts = new WeakMap<PreparedGeometry, string[]>();

/**
 * Districts a finding lies in: by the district index, else the subject's `district_code`. The
 * subject's own districts are computed once; a finding of a subject in one district lies there (it
 * is part of the subject), so only subjects across districts need their findings placed one by one.
 */
export function districtsFor(
  engine: Engine,
  area: AreaPart | null,
  subject: PreparedLayer,
  subjectIndex: number,
): string[] {
  if (engine.districts.tree) {
    const whole = subject.geometry(subjectIndex);
    if (whole) {
      let codes = subjectDistricts.get(whole);
      if (!codes) {
        codes = districtsOfArea(engine.districts, whole, engine.kernel);
        subjectDistricts.set(whole, codes);
      }
      if (codes.length <= 1 || !area) return codes;
      const g = area.whole ?? preparePolygons(area.polygons);
      return g ? districtsOfArea(engine.districts, g, engine.kernel) : codes;
    }
    const points = pointsOf(subject.features[subjectIndex]?.geometry ?? null);
    return districtsOfPoints(engine.districts, points);
  }
  const code = subject.features[subjectIndex]?.properties?.district_code;
  return typeof code === "string" || typeof code === "number" ? [String(code)] : [];
}

function pointsOf(geometry: Geometry | null): [number, number][] {
  if (!geometry || geometry.type === "GeometryCollection") return [];
  const out: [number, number][] = [];
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === "number" && typeof value[1] === "number") {
      out.push([value[0], value[1]]);
      return;
    }
    for (const v of value) walk(v);
  };
  walk(geometry.coordinates);
  return out;
}

/** The prevailing plan of a pair rule and the message saying which plan must be adjusted. */
export type Authority = { prevailing: Prevailing | null; message: LocalizedText };

/** Prevailing plan and adjustment message of a rule between two catalogue layers. */
export function authorityOf(subject: LayerEntry | undefined, constraint: LayerEntry | undefined) {
  const entry = prevailingEntry(subject, constraint);
  const lower = entry && entry === subject ? constraint : subject;
  return {
    prevailing: entry ? toPrevailing(entry) : null,
    message: adjustmentMessage(lower, entry),
  } satisfies Authority;
}

/** A finding for a pair whose geometry operation failed: reported, never fatal. */
export function notComputed(
  rule: Rule,
  authority: Authority,
  subject: { layer: string; featureId: string },
  constraint: { layer: string; featureId: string | null } | null,
  error: unknown,
  districts: string[],
): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    id: findingId(rule.id, subject.featureId, constraint?.featureId ?? null),
    rule: rule.id,
    ruleType: rule.type,
    severity: rule.severity,
    status: "not-computed",
    reason: reason || "the geometry operation failed",
    subject,
    constraint,
    prevailing: authority.prevailing,
    message: authority.message,
    geometry: null,
    areaSquareMeters: null,
    shareOfSubject: null,
    measures: {},
    districts,
  };
}
