import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Feature, Position } from "geojson";
import type { Page } from "playwright-core";
import { positionFromWgs84 } from "../../src/core/crs/index";
import { readFlatGeobuf } from "../../src/io/fgb-reader";

/*
 * Helpers of the browser tests that load proposals: files made by the test (a VN-2000 proposal, a
 * zip bomb), dropping files on the map, and reading what the session shows.
 */

/** A file as the test hands it to the page. */
export type TestFile = { name: string; bytes: Uint8Array };

/**
 * Drops `files` on the map as a user's drag from the desktop would: a DataTransfer holding them,
 * then dragenter, dragover and drop on the drop zone.
 */
export async function dropFiles(page: Page, files: TestFile[]): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    base64: Buffer.from(f.bytes).toString("base64"),
  }));
  const transfer = await page.evaluateHandle((items) => {
    const data = new DataTransfer();
    for (const { name, base64 } of items) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], name));
    }
    return data;
  }, payload);
  const zone = page.getByTestId("drop-zone");
  for (const type of ["dragenter", "dragover", "drop"]) {
    await zone.dispatchEvent(type, { dataTransfer: transfer });
  }
  await transfer.dispose();
}

/** Waits until the import dialog shows its report (the worker has read and prepared the files). */
export async function waitForReport(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="import-dialog"][data-status="review"]', {
    timeout: 60_000,
  });
}

/** Maps every position of a geometry's coordinates (any nesting). */
function mapPositions(value: unknown, move: (p: Position) => Position): unknown {
  if (Array.isArray(value) && typeof value[0] === "number") return move(value as Position);
  return Array.isArray(value) ? value.map((item) => mapPositions(item, move)) : value;
}

/**
 * The shipped city plan as a consultant's VN-2000 file: coordinates in VN-2000 / TM-3 105°
 * metres (EPSG:5897, no `crs` member, so only the coordinates tell), the land-use code under an
 * office's attribute name (`MDSD`). Written to a temporary folder; returns its path.
 */
export async function writeVn2000Proposal(): Promise<{ path: string; features: number }> {
  const zones = await readFlatGeobuf(new Uint8Array(await readFile("data/city-plan-zones.fgb")));
  const toVn2000 = positionFromWgs84("EPSG:5897");
  // full precision: rounded to the millimetre, the zones' shared edges would part by slivers the
  // comparison counts (a millimetre along a kilometre of boundary)
  const round = (p: Position): Position => toVn2000(p).slice(0, 2);
  const features = zones.features.map((feature): Feature => {
    const { land_use_code, ...rest } = feature.properties ?? {};
    return {
      type: "Feature",
      ...(feature.id === undefined ? {} : { id: feature.id }),
      properties: { ...rest, MDSD: land_use_code },
      geometry: {
        ...feature.geometry,
        coordinates: mapPositions(
          (feature.geometry as { coordinates: unknown }).coordinates,
          round,
        ),
      } as Feature["geometry"],
    };
  });
  const folder = await mkdtemp(join(tmpdir(), "plan-layers-e2e-"));
  const path = join(folder, "phuong-an-vn2000.geojson");
  await writeFile(path, JSON.stringify({ type: "FeatureCollection", features }));
  return { path, features: features.length };
}

/**
 * A zip bomb's trick on a small file: one Shapefile entry whose central directory (and local
 * header) declare 3 GiB once inflated. The reader must refuse it from the declared sizes, before
 * inflating anything.
 */
export function zipBomb(zip: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  const declared = 3 * 2 ** 30;
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, declared, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, declared, true);
  }
  return bytes;
}

/** What the session shows that a bad file must leave alone. */
export function sessionSnapshot(page: Page) {
  return page.evaluate(async () => {
    const text = (selector: string) =>
      [...document.querySelectorAll(selector)].map((el) => el.textContent ?? "");
    const summary = document.querySelector('[data-testid="check-summary"]');
    const map = window.__planLayersMap;
    // a GeoJSON source's feature count; a packed layer's vector source (the tile worker's tiles)
    // by the packed data it draws, named in its tile URL
    const features = async (id: string) => {
      const source = map?.getSource(id) as
        | { type: "geojson"; getData: () => Promise<GeoJSON.FeatureCollection> }
        | { type: "vector"; tiles: string[] }
        | undefined;
      if (!source) return null;
      return source.type === "vector" ? source.tiles[0] : (await source.getData()).features.length;
    };
    return {
      hash: window.location.hash.replace(/map=[^&]*/, ""),
      layerRows: text('[data-testid^="layer-row-"]'),
      proposal: text('[data-testid="check-proposal"]'),
      summary: summary
        ? ["data-findings", "data-errors", "data-warnings"].map((a) => summary.getAttribute(a))
        : null,
      selected: document
        .querySelector('[aria-current="true"], .finding--selected')
        ?.getAttribute("data-testid"),
      findings: await features("check:findings"),
      highlight: await features("check:highlight"),
      comparison: await features("compare:pieces"),
      compareTab: document.querySelectorAll('[data-testid="tab-compare"]').length,
      sources: map
        ? Object.keys(map.getStyle().sources)
            .filter((id) => id.startsWith("plan:"))
            .sort()
        : [],
    };
  });
}

/** A zone polygon: a small square at place `i` of a grid over Hà Nội. */
function square(i: number): Position[][] {
  const x = 105.5 + (i % 200) * 0.002;
  const y = 20.8 + Math.floor(i / 200) * 0.002;
  const ring: Position[] = [
    [x, y],
    [x + 0.001, y],
    [x + 0.001, y + 0.001],
    [x, y + 0.001],
  ];
  return [[...ring, [x, y]]];
}

/**
 * One valid zone, then `count` "zones" that are points (a wrong geometry type for a zone layer:
 * one error each), named with markup: a long problems list whose text must stay text.
 */
export function manyBadZones(count: number, name: string): Uint8Array {
  const features = Array.from({ length: count + 1 }, (_, i) => ({
    type: "Feature",
    id: `Z${i}`,
    properties: { name: i === 0 ? "Khu hợp lệ" : name, land_use_code: "ODT" },
    geometry:
      i === 0
        ? { type: "Polygon", coordinates: square(i) }
        : { type: "Point", coordinates: square(i)[0]?.[0] },
  }));
  return new TextEncoder().encode(JSON.stringify({ type: "FeatureCollection", features }));
}

/** A large valid proposal (`count` zones), written to a temporary folder; returns its path. */
export async function writeLargeProposal(count: number): Promise<string> {
  const features = Array.from({ length: count }, (_, i) => ({
    type: "Feature",
    id: `Z${i}`,
    properties: { name: `Khu ${i}`, ma_dat: i % 2 ? "ODT" : "LUA" },
    geometry: { type: "Polygon", coordinates: square(i) },
  }));
  const folder = await mkdtemp(join(tmpdir(), "plan-layers-e2e-"));
  const path = join(folder, "phuong-an-lon.geojson");
  await writeFile(path, JSON.stringify({ type: "FeatureCollection", features }));
  return path;
}

/**
 * When the app's checks started and ended, and when comparisons were sent to the compare worker
 * (ms), with whether the app said it was checking at that moment.
 */
export type CheckCompareLog = {
  checkStarts: number[];
  checkEnds: number[];
  compares: { at: number; checking: boolean }[];
};

declare global {
  interface Window {
    __checkCompareLog?: CheckCompareLog;
    __checkCompareWatched?: boolean;
  }
}

/**
 * Starts logging, on the page's clock, each change of the app's `data-checking` (seen by a
 * MutationObserver, a little after it happens) and each comparison posted to a worker
 * (`Worker.prototype.postMessage`, looked up by the app at each post).
 */
export async function watchCheckAndCompare(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__checkCompareLog = { checkStarts: [], checkEnds: [], compares: [] };
    // the observer and the wrap are put on once per page; each call starts a new log
    if (window.__checkCompareWatched) return;
    window.__checkCompareWatched = true;
    const log = () => window.__checkCompareLog as CheckCompareLog;
    const app = document.querySelector('[data-testid="app"]') as Element;
    let checking = app.getAttribute("data-checking") === "true";
    new MutationObserver(() => {
      const now = app.getAttribute("data-checking") === "true";
      if (now !== checking) (now ? log().checkStarts : log().checkEnds).push(performance.now());
      checking = now;
    }).observe(app, { attributes: true, attributeFilter: ["data-checking"] });
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (
      this: Worker,
      ...args: Parameters<Worker["postMessage"]>
    ) {
      const message = args[0] as { type?: unknown } | null;
      if (message?.type === "compare") {
        const at = performance.now();
        log().compares.push({ at, checking: app.getAttribute("data-checking") === "true" });
      }
      return (post as (...a: unknown[]) => void).apply(this, args);
    } as Worker["postMessage"];
  });
}

/** What {@link watchCheckAndCompare} has logged so far. */
export const checkCompareLog = (page: Page): Promise<CheckCompareLog> =>
  page.evaluate(() => window.__checkCompareLog as CheckCompareLog);
