import type { Feature, Geometry } from "geojson";
import type { LayerEntry } from "../core/catalog/schema";
import { featureId } from "../core/check/feature-id";
import type { Finding, Severity } from "../core/check/index";
import { featureAt, isPacked, type LayerData, packedIds } from "../io/packed-collection";
import { type Bbox, collectionBbox } from "./bounds";

const indexes = new WeakMap<LayerData, Map<string, number>>();

/**
 * The feature of a layer with the engine's id (GeoJSON `id`, else `properties.id`, else its index),
 * or null. The id index is built once per layer; a packed layer's feature is read alone.
 */
export function findFeature(layer: LayerData, id: string): Feature | null {
  let index = indexes.get(layer);
  if (!index) {
    index = new Map();
    const ids = isPacked(layer)
      ? (packedIds(layer) ?? [])
      : layer.features.map((f, i) => featureId(f, i));
    for (const [i, key] of ids.entries()) if (!index.has(key)) index.set(key, i);
    indexes.set(layer, index);
  }
  const at = index.get(id);
  return at === undefined ? null : featureAt(layer, at);
}

/** What the map outlines for a selected finding: both features and the conflicting part. */
export type FindingHighlight = {
  severity: Severity;
  /** The conflicting part (null when the finding has none to draw, e.g. a quota). */
  conflict: Geometry | null;
  subject: Feature | null;
  /** Null when the constraint is a whole layer (within) or there is none. */
  constraint: Feature | null;
};

/** The features a finding names, looked up in the loaded layers. */
export function findingHighlight(
  finding: Finding,
  layers: Readonly<Record<string, LayerData | undefined>>,
): FindingHighlight {
  const lookup = (ref: { layer: string; featureId: string | null } | null) => {
    const collection = ref ? layers[ref.layer] : undefined;
    return ref?.featureId != null && collection ? findFeature(collection, ref.featureId) : null;
  };
  return {
    severity: finding.severity,
    conflict: finding.geometry,
    subject: lookup(finding.subject),
    constraint: lookup(finding.constraint),
  };
}

/**
 * Where to move the camera for a finding: the conflicting part together with its subject feature
 * (so the zone around the conflict shows), else the quota's district, else the whole city.
 */
export function findingBbox(
  finding: Finding,
  highlight: FindingHighlight,
  districtBbox: (code: string) => Bbox | undefined,
  cityBbox: Bbox,
): Bbox {
  const parts = [highlight.conflict, highlight.subject?.geometry ?? null].filter(
    (g): g is Geometry => g !== null,
  );
  const direct = collectionBbox({
    type: "FeatureCollection",
    features: parts.map((geometry) => ({ type: "Feature", properties: {}, geometry })),
  });
  if (direct) return direct;
  const code = finding.group?.district ?? finding.districts[0];
  return (code ? districtBbox(code) : undefined) ?? cityBbox;
}

/** A feature's display name from the catalogue's `nameAttribute`, or null when it has none. */
export function featureName(entry: LayerEntry | undefined, feature: Feature | null): string | null {
  const key = entry?.nameAttribute;
  const value = key ? feature?.properties?.[key] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value : null;
}
