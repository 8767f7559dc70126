import type { LayerSpecification, SourceSpecification, StyleSpecification } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import { PMTiles, Protocol, TileType } from "pmtiles";
import type { BasemapSource } from "../state/basemap";

/** Prefix of the source and layer ids the intranet basemap adds to the map. */
export const INTRANET_PREFIX = "basemap:intranet:";

let protocol: Protocol | null = null;

/**
 * Registers MapLibre's `pmtiles://` protocol once, so sources of a PMTiles archive (ours or those
 * an intranet style names) read tiles by HTTP range requests from the one file.
 */
export function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
  }
  return protocol;
}

/** What the basemap adds under the plan layers, its ids already prefixed. */
export type BasemapFragment = {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  glyphs?: string;
};

/** Muted colours for an archive's vector layers: a basemap stays behind the plan. */
const VECTOR_FILL = "#dfe3e8";
const VECTOR_LINE = "#a9b1bb";

/**
 * The style of a PMTiles archive: a raster archive as one raster layer; a vector archive with a
 * fill, a line and a circle layer for each of its vector layers (named in its metadata), drawn in
 * muted greys (an archive carries no style of its own).
 */
export async function pmtilesFragment(url: string): Promise<BasemapFragment> {
  const archive = new PMTiles(url);
  pmtilesProtocol().add(archive);
  const header = await archive.getHeader();
  const sourceId = `${INTRANET_PREFIX}tiles`;
  const tiles = `pmtiles://${url}`;
  if (header.tileType !== TileType.Mvt) {
    return {
      sources: { [sourceId]: { type: "raster", url: tiles, tileSize: 256 } },
      layers: [{ id: `${INTRANET_PREFIX}raster`, type: "raster", source: sourceId }],
    };
  }
  const metadata = (await archive.getMetadata()) as { vector_layers?: { id?: unknown }[] } | null;
  const names = (metadata?.vector_layers ?? [])
    .map((layer) => layer.id)
    .filter((id): id is string => typeof id === "string");
  const layers: LayerSpecification[] = names.flatMap((name, index): LayerSpecification[] => {
    const id = `${INTRANET_PREFIX}${index}`;
    const common = { source: sourceId, "source-layer": name };
    return [
      {
        id: `${id}:fill`,
        type: "fill",
        ...common,
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: { "fill-color": VECTOR_FILL, "fill-outline-color": VECTOR_LINE },
      },
      {
        id: `${id}:line`,
        type: "line",
        ...common,
        filter: ["==", ["geometry-type"], "LineString"],
        paint: { "line-color": VECTOR_LINE, "line-width": 1 },
      },
      {
        id: `${id}:point`,
        type: "circle",
        ...common,
        filter: ["==", ["geometry-type"], "Point"],
        paint: { "circle-color": VECTOR_LINE, "circle-radius": 2 },
      },
    ];
  });
  return { sources: { [sourceId]: { type: "vector", url: tiles } }, layers };
}

/**
 * A MapLibre style document's sources and layers with their ids prefixed (so they never meet the
 * app's own), and its glyphs address for its text labels. Throws when the document is no style.
 */
export function styleFragment(style: unknown): BasemapFragment {
  const doc = style as Partial<StyleSpecification> | null;
  if (
    !doc ||
    typeof doc !== "object" ||
    typeof doc.sources !== "object" ||
    !Array.isArray(doc.layers)
  ) {
    throw new Error("not a MapLibre style (no sources or layers) / không phải style MapLibre");
  }
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, source] of Object.entries(doc.sources ?? {})) {
    sources[`${INTRANET_PREFIX}${id}`] = source;
  }
  const layers = doc.layers.map((layer) => {
    const prefixed = { ...layer, id: `${INTRANET_PREFIX}${layer.id}` };
    if ("source" in layer && typeof layer.source === "string") {
      return { ...prefixed, source: `${INTRANET_PREFIX}${layer.source}` } as LayerSpecification;
    }
    return prefixed as LayerSpecification;
  });
  return { sources, layers, ...(doc.glyphs ? { glyphs: doc.glyphs } : {}) };
}

/** Loads what a configured basemap adds to the map. */
export async function loadBasemapFragment(source: BasemapSource): Promise<BasemapFragment> {
  if (source.kind === "pmtiles") return pmtilesFragment(source.url);
  pmtilesProtocol(); // an intranet style may itself name pmtiles:// sources
  const response = await fetch(source.url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return styleFragment(await response.json());
}
