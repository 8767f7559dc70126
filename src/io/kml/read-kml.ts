import { kmlGen } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import type { Feature } from "geojson";
import { showText } from "../../core/text/show-value";
import { mib } from "../../core/validate/size-limit";
import { decodeUtf8 } from "../../core/validate/utf8";
import type { Bilingual } from "../../core/validate/validation-issue";
import { FeatureSink } from "../feature-sink";
import type { FormatId, ReadOptions, ReadResult } from "../format-types";
import { setOwn } from "../own-property";
import { ReadProgress } from "../progress";
import { failedRead, tooManyFeatures, unreadable } from "../read-problems";

/**
 * KML text to features, shared by .kml and .kmz: xmldom parses (everywhere: a Web Worker has no
 * DOMParser; it expands no entity declared in a DOCTYPE, so an "XML bomb" stays small), togeojson
 * converts placemark by placemark. KML is longitude/latitude on WGS84 by definition.
 */

/** The encoding an XML declaration names, e.g. `<?xml version="1.0" encoding="windows-1258"?>`. */
const DECLARED = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/** KML text: UTF-8 (the KML standard's), else the encoding its XML declaration names. */
function kmlText(
  bytes: Uint8Array,
  file: string,
): { ok: true; text: string } | { ok: false; result: ReadResult } {
  const decoded = decodeUtf8(bytes, file);
  if (decoded.ok) return decoded;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const label = DECLARED.exec(head)?.[1];
  if (label) {
    try {
      const decoder = new TextDecoder(label);
      if (decoder.encoding !== "utf-8")
        return { ok: true, text: decoder.decode(bytes).normalize("NFC") };
    } catch {
      // an encoding TextDecoder does not know: the UTF-8 problem stands
    }
  }
  return { ok: false, result: failedRead("kml", file, [decoded.issue]) };
}

/** What an XML parse error says, with its line and column when xmldom knows them. */
function xmlProblem(
  message: string,
  locator: { lineNumber?: number; columnNumber?: number } | undefined,
): Bilingual {
  const at =
    locator?.lineNumber && locator.lineNumber > 0
      ? {
          vi: ` ở dòng ${locator.lineNumber}, cột ${locator.columnNumber ?? "?"}`,
          en: ` at line ${locator.lineNumber}, column ${locator.columnNumber ?? "?"}`,
        }
      : { vi: "", en: "" };
  const entity = /entity not found:\s*(&[^;\s]{1,40};)/.exec(message)?.[1];
  if (entity) {
    // a DOCTYPE's own entities ("billion laughs", or SYSTEM ones reading local files): never expanded
    return {
      vi: `dùng thực thể XML ${showText(entity)}${at.vi} do tệp tự khai báo (<!ENTITY>); vì an toàn, thực thể không được mở rộng và không tệp nào khác được đọc; hãy xuất lại tệp KML từ Google Earth hoặc QGIS`,
      en: `uses the XML entity ${showText(entity)}${at.en}, declared by the file itself (<!ENTITY>); for safety, entities are not expanded and no other file is read; export the KML again from Google Earth or QGIS`,
    };
  }
  const shown = showText(message.replace(/^\[xmldom [a-zA-Z]+\]\s*/, ""));
  return {
    vi: `không phải XML hợp lệ${at.vi}: ${shown}; hãy xuất lại tệp KML từ phần mềm đã tạo nó`,
    en: `is not valid XML${at.en}: ${shown}; export the KML again from the program that made it`,
  };
}

/** Thrown from xmldom's error callback to stop the parse at the first error. */
class XmlStop extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

/** ExtendedData names that plain assignment would not keep (see `setOwn`). */
const UNSAFE_NAME = "__proto__";
/** What such a name is renamed to while togeojson converts: no XML attribute can hold a NUL. */
const PLACEHOLDER = "\u0000__proto__";

/** Renames `name="__proto__"` of Data/SimpleData so togeojson sets it as an ordinary key. */
function shieldNames(doc: ReturnType<DOMParser["parseFromString"]>): boolean {
  let found = false;
  for (const tag of ["Data", "SimpleData"]) {
    const elements = doc.getElementsByTagName(tag);
    for (let i = 0; i < elements.length; i++) {
      const element = elements.item(i);
      if (element?.getAttribute("name") === UNSAFE_NAME) {
        element.setAttribute("name", PLACEHOLDER);
        found = true;
      }
    }
  }
  return found;
}

/** Puts a shielded name back, as an own property. */
function unshield(properties: Record<string, unknown> | null): void {
  if (!properties || !Object.hasOwn(properties, PLACEHOLDER)) return;
  const value = properties[PLACEHOLDER];
  delete properties[PLACEHOLDER];
  setOwn(properties, UNSAFE_NAME, value);
}

/** What reading one KML document added to the sink: how many features, and where it links. */
export type KmlDocument =
  | { ok: true; features: number; links: string[] }
  | { ok: false; result: ReadResult };

/**
 * Reads one KML document's placemarks into `sink`, numbering them from `first`; `label` names the
 * document in its own problems. Returns the hrefs of its NetworkLinks (not followed here).
 */
export async function readKmlDocument(
  sink: FeatureSink,
  bytes: Uint8Array,
  label: string,
  format: FormatId,
  options: ReadOptions,
  first = 0,
): Promise<KmlDocument> {
  const text = kmlText(bytes, label);
  if (!text.ok) return { ok: false, result: { ...text.result, format } };
  let doc: ReturnType<DOMParser["parseFromString"]>;
  // kept here: xmldom rethrows what onError throws wrapped, on some paths without it as the cause
  let stop: XmlStop | null = null;
  try {
    const parser = new DOMParser({
      onError: (level, message, context) => {
        if (level === "warning") return;
        const locator = (
          context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined
        )?.locator;
        stop = new XmlStop(xmlProblem(message, locator));
        throw stop;
      },
    });
    doc = parser.parseFromString(text.text, "text/xml");
  } catch (error) {
    const problem =
      (stop as XmlStop | null)?.problem ??
      xmlProblem(error instanceof Error ? error.message : String(error), undefined);
    return { ok: false, result: unreadable(format, label, "unreadable-file", problem) };
  }
  const root = doc.documentElement;
  const rootName = (root?.localName ?? root?.nodeName ?? "").toLowerCase();
  if (rootName !== "kml") {
    const gpx = rootName === "gpx";
    return {
      ok: false,
      result: unreadable(format, label, "unknown-format", {
        vi: gpx
          ? "là tệp GPX, không phải KML; hãy chuyển sang GeoJSON, ví dụ: ogr2ogr -f GeoJSON tep.geojson tep.gpx"
          : `không phải tệp KML (phần tử gốc là ${showText(rootName || "rỗng")}, cần <kml>)`,
        en: gpx
          ? "is a GPX file, not KML; convert it to GeoJSON, e.g. ogr2ogr -f GeoJSON file.geojson file.gpx"
          : `is not a KML file (its root element is ${showText(rootName || "empty")}; <kml> is expected)`,
      }),
    };
  }
  const shielded = shieldNames(doc);
  const total = doc.getElementsByTagName("Placemark").length;
  if (first + total > options.limits.maxFeatures) {
    return {
      ok: false,
      result: tooManyFeatures(format, label, first + total, options.limits.maxFeatures),
    };
  }
  const progress = new ReadProgress(options, total);
  let count = 0;
  const links: string[] = [];
  for (const feature of kmlGen(doc as unknown as Document)) {
    const properties = feature.properties as Record<string, unknown> | null;
    const kind = properties?.["@geometry-type"];
    if (kind === "networklink") {
      links.push(typeof properties?.href === "string" ? properties.href : "");
      continue;
    }
    if (kind === "groundoverlay") continue; // an image's footprint, not a zone
    if (progress.due()) await progress.step(count);
    if (shielded) unshield(properties);
    sink.add(feature as Feature, first + count++);
  }
  progress.finish();
  return { ok: true, features: count, links };
}

/** The warning for NetworkLinks to documents that were not read. */
export function unreadLinks(sink: FeatureSink, links: readonly string[]): void {
  if (links.length === 0) return;
  const shown = links
    .slice(0, 3)
    .map((href) => showText(href || "?"))
    .join(", ");
  sink.problem(
    "missing-part",
    {
      vi: `tệp có ${links.length} liên kết mạng (NetworkLink) tới tài liệu khác (${shown}); các tài liệu đó không được đọc`,
      en: `the file has ${links.length} NetworkLinks to other documents (${shown}); those were not read`,
    },
    "warning",
  );
}

/**
 * KML text over `limits.maxXmlBytes` (`size` bytes: a .kml, or a .kmz's documents together), told
 * before it is parsed: its DOM would take minutes and gigabytes.
 */
export function tooMuchKml(
  format: FormatId,
  label: string,
  size: number,
  limit: number,
): ReadResult {
  return unreadable(format, label, "too-large", {
    vi: `văn bản KML nặng ${mib(size)}, vượt giới hạn ${mib(limit)} đọc được dạng KML; hãy chuyển sang FlatGeobuf hoặc GeoPackage, ví dụ: ogr2ogr -f FlatGeobuf lop.fgb lop.kml`,
    en: `its KML text is ${mib(size)}, over the ${mib(limit)} that can be read as KML; convert it to FlatGeobuf or GeoPackage, e.g. ogr2ogr -f FlatGeobuf layer.fgb layer.kml`,
  });
}

/** Reads a KML file (one document). */
export async function readKml(
  bytes: Uint8Array,
  label: string,
  format: FormatId,
  options: ReadOptions,
): Promise<ReadResult> {
  if (bytes.length > options.limits.maxXmlBytes) {
    return tooMuchKml(format, label, bytes.length, options.limits.maxXmlBytes);
  }
  const sink = new FeatureSink(label);
  const read = await readKmlDocument(sink, bytes, label, format, options);
  if (!read.ok) return read.result;
  unreadLinks(sink, read.links);
  return sink.finish({ format, crs: { kind: "wgs84", from: "kml" } });
}
