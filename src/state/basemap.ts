import type { LocalizedText } from "../core/catalog/schema";

/**
 * Which basemap is under the plan layers: none (the offline default), the online OpenStreetMap
 * tiles, or the one the city's intranet hosts (configured with `PLAN_LAYERS_BASEMAP` or in the UI).
 */
export type BasemapChoice = "none" | "osm" | "intranet";

export const BASEMAP_CHOICES: readonly BasemapChoice[] = ["none", "osm", "intranet"];

declare const __PLAN_LAYERS_BASEMAP__: string | undefined;

/**
 * The intranet basemap given when the app was built or served: `PLAN_LAYERS_BASEMAP` (see
 * vite.config.ts), or "" when none was.
 */
export const CONFIGURED_BASEMAP: string =
  typeof __PLAN_LAYERS_BASEMAP__ === "string" ? __PLAN_LAYERS_BASEMAP__ : "";

/** A configured basemap: a MapLibre style document, or a PMTiles archive drawn by the app. */
export type BasemapSource = { kind: "style"; url: string } | { kind: "pmtiles"; url: string };

/**
 * Reads a configured basemap address: an http(s) URL or a path on the app's own host ("/tiles/…",
 * "basemap/style.json"). A `.pmtiles` file (optionally written `pmtiles://…`) is an archive of
 * tiles; anything else is a MapLibre style JSON. `base` resolves relative paths (the page address).
 * Returns the problem, in both languages, when the value is no such address.
 */
export function parseBasemapSource(
  value: string,
  base: string,
): BasemapSource | { problem: LocalizedText } {
  const trimmed = value.trim().replace(/^pmtiles:\/\//i, "");
  if (trimmed === "") {
    return {
      problem: {
        vi: "chưa có địa chỉ bản đồ nền: nhập URL của tệp style.json hoặc .pmtiles",
        en: "no basemap address: enter the URL of a style.json or .pmtiles file",
      },
    };
  }
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    url = new URL("invalid:");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      problem: {
        vi: `"${trimmed}" không phải địa chỉ http(s) hay đường dẫn: nhập URL của tệp style.json hoặc .pmtiles`,
        en: `"${trimmed}" is not an http(s) address or a path: enter the URL of a style.json or .pmtiles file`,
      },
    };
  }
  const kind = /\.pmtiles$/i.test(url.pathname) ? "pmtiles" : "style";
  return { kind, url: url.href };
}

/**
 * The basemap the app starts with: the link's choice if it can be honoured (an intranet basemap
 * needs one configured on this side: a link never brings its own address), else none.
 */
export function initialBasemap(
  fromUrl: BasemapChoice | undefined,
  configured: boolean,
): BasemapChoice {
  if (fromUrl === "intranet") return configured ? "intranet" : "none";
  return fromUrl ?? "none";
}
