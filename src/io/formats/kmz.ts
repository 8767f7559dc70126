import { FeatureSink } from "../feature-sink";
import type { FormatModule } from "../format-types";
import { readKmlDocument, tooMuchKml, unreadLinks } from "../kml/read-kml";
import { unreadable } from "../read-problems";
import { baseName, extensionOf, type SourceFile } from "../source-files";
import { readZipEntry, ZipBudget } from "../zip/read-zip";
import { contentEntries, readZipDirectory, type ZipEntry } from "../zip/zip-directory";

/**
 * The KML documents of a KMZ, the main one first: "doc.kml" at the root as Google Earth writes
 * it, else the one nearest the root. The others are usually what it links to (GDAL's LIBKML
 * writes one per layer under layers/ and links them from doc.kml).
 */
export function kmlDocuments(entries: readonly ZipEntry[]): ZipEntry[] {
  const depth = (entry: ZipEntry) => entry.name.split("/").length;
  const isMain = (entry: ZipEntry) =>
    depth(entry) === 1 && baseName(entry.name).toLowerCase() === "doc.kml";
  return contentEntries(entries)
    .filter((entry) => extensionOf(entry.name) === "kml")
    .sort((a, b) => Number(isMain(b)) - Number(isMain(a)) || depth(a) - depth(b));
}

/** An href resolved against the folder of the document holding it, as a zip entry name. */
function resolveHref(from: string, href: string): string {
  const folder = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const parts: string[] = [];
  for (const part of `${folder}${href}`.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

/**
 * KMZ (.kmz): a zip of KML documents, all of them read (the main one first) under the zip limits,
 * as one layer. NetworkLinks to documents inside the KMZ are thereby followed; links elsewhere are
 * said, not fetched.
 */
export const kmzFormat: FormatModule = {
  async read(files, options) {
    const { name, bytes } = files[0] as SourceFile;
    const { limits } = options;
    const directory = readZipDirectory(bytes, limits.maxZipEntries);
    if (!directory.ok) return unreadable("kmz", name, directory.code, directory.problem);
    const documents = kmlDocuments(directory.entries);
    if (documents.length === 0) {
      return unreadable("kmz", name, "missing-part", {
        vi: "tệp KMZ không chứa tệp .kml nào",
        en: "the KMZ holds no .kml file",
      });
    }
    // the declared sizes: the inflater stops at an entry that is longer than it declares
    const size = documents.reduce((sum, d) => sum + d.size, 0);
    if (size > limits.maxXmlBytes) return tooMuchKml("kmz", name, size, limits.maxXmlBytes);
    const inside = new Set(documents.map((d) => d.name));
    const label = documents.length === 1 ? `${name} › ${(documents[0] as ZipEntry).name}` : name;
    const sink = new FeatureSink(label);
    const budget = new ZipBudget(limits.maxUnzippedBytes);
    const outside: string[] = [];
    let count = 0;
    for (const entry of documents) {
      const part = `${name} › ${entry.name}`;
      const kml = readZipEntry(bytes, entry, budget, limits.maxUnzippedBytes);
      if (!kml.ok) return unreadable("kmz", part, kml.code, kml.problem);
      const read = await readKmlDocument(sink, kml.bytes, part, "kmz", options, count);
      if (!read.ok) return read.result;
      count += read.features;
      outside.push(...read.links.filter((href) => !inside.has(resolveHref(entry.name, href))));
    }
    unreadLinks(sink, outside);
    return sink.finish({ format: "kmz", crs: { kind: "wgs84", from: "kml" } });
  },
};
