import { decodeUtf8 } from "../../core/validate/utf8";
import type { FeatureSink } from "../feature-sink";
import type { ReadLimits } from "../format-types";
import { addNdjsonLine, ndjsonText } from "../formats/geojson";
import type { ByteSource } from "./byte-source";
import { type RecordLayer, readRecord } from "./record-layer";

/** Bytes scanned for line breaks at a time. */
const SCAN_BYTES = 1 << 22;

/** Bytes a blank line may hold: white space and RFC 8142's record separator. */
const BLANK = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1e]);

/**
 * Newline-delimited GeoJSON as records: one scan for the lines (each non-blank line is a feature,
 * numbered as the whole-text reader numbers them), then each line read, decoded (strict UTF-8) and
 * parsed when asked for, through the same per-line reader as the whole text (`addNdjsonLine`).
 * Holds three numbers per feature, never the text, so a file longer than V8's longest string
 * (512 MiB) is read too.
 */
export function ndjsonRecords(
  file: string,
  source: ByteSource,
  limits: Pick<ReadLimits, "maxTextDepth" | "maxValueDepth">,
): RecordLayer {
  const starts: number[] = [];
  const ends: number[] = [];
  const numbers: number[] = [];
  const lead = source.read(0, 3);
  const hasBom = lead[0] === 0xef && lead[1] === 0xbb && lead[2] === 0xbf;
  let lineStart = 0;
  let blank = true;
  let number = 1;
  const endLine = (end: number) => {
    if (!blank) {
      starts.push(lineStart);
      ends.push(end);
      numbers.push(number);
    }
    number++;
    lineStart = end + 1;
    blank = true;
  };
  for (let offset = 0; offset < source.size; offset += SCAN_BYTES) {
    const chunk = source.read(offset, SCAN_BYTES);
    for (let k = 0; k < chunk.length; k++) {
      const byte = chunk[k] as number;
      if (byte === 0x0a) endLine(offset + k);
      else if (blank && !BLANK.has(byte)) {
        // the byte-order mark at the start of the file is no content (the whole text drops it)
        if (!(hasBom && offset + k < 3)) blank = false;
      }
    }
  }
  endLine(source.size);
  const read = (index: number, sink: FeatureSink): void => {
    const start = starts[index] as number;
    const line = numbers[index] as number;
    const bytes = source.read(start, (ends[index] as number) - start);
    const decoded = decodeUtf8(bytes, file);
    if (!decoded.ok) {
      const { vi, en } = decoded.issue.message;
      sink.leaveOut(index, null, decoded.issue.code, {
        vi: `dòng ${line}: ${vi}`,
        en: `line ${line}: ${en}`,
      });
      return;
    }
    const text = ndjsonText(decoded.text.replace(/^\uFEFF/, "")) ?? "";
    addNdjsonLine(sink, index, { number: line, text }, limits);
  };
  const crs = { kind: "wgs84", from: "geojson-spec" } as const;
  const records = { format: "geojson", file, count: starts.length, crs, read } as const;
  return {
    ...records,
    // a line is parsed whole either way, so through a sink, as `read` reads it
    geometry: (index) => readRecord(records, index).feature?.geometry ?? null,
  };
}
