import { keptGeometry } from "../feature-sink";
import { FgbFormatError } from "../fgb-error";
import { decodeFeature, decodeGeometry } from "../fgb-feature";
import { magicbytes, readCheckedHeader, SIZE_PREFIX_BYTES } from "../fgb-header";
import { fgbSections, walkFeatures } from "../fgb-layout";
import { featureOf, parseMetadata } from "../fgb-reader";
import { crsOfHeader } from "../formats/fgb";
import type { ByteSource } from "./byte-source";
import type { RecordLayer } from "./record-layer";

/** The little-endian uint32 at the start of `bytes` (a DataView apiece cost ~1 µs a feature). */
const uint32 = (bytes: Uint8Array) =>
  ((bytes[0] as number) |
    ((bytes[1] as number) << 8) |
    ((bytes[2] as number) << 16) |
    ((bytes[3] as number) << 24)) >>>
  0;

/**
 * A FlatGeobuf file as records: the header checked as the whole-file reader checks it
 * (`fgbSections`, `walkFeatures`: count, index size, every size prefix against the file's size),
 * each feature decoded from its own bytes when asked for, its id restored as `readFlatGeobuf` does.
 * Holds one number per feature (where it starts), never the file.
 *
 * @throws FgbFormatError when the file is not readable FlatGeobuf (as `readFlatGeobuf`)
 */
export function fgbRecords(file: string, source: ByteSource): RecordLayer {
  const lead = magicbytes.length + SIZE_PREFIX_BYTES;
  const first = source.read(0, lead).slice();
  const headerSize = first.length === lead ? uint32(first.subarray(magicbytes.length)) : 0;
  const head = source.read(0, Math.min(source.size, lead + headerSize)).slice();
  const checked = readCheckedHeader(head);
  const { featuresStart } = fgbSections(checked, source.size);
  const starts = walkFeatures(
    { length: source.size, uint32At: (at) => uint32(source.read(at, SIZE_PREFIX_BYTES)) },
    featuresStart,
    checked.featuresCount,
  );
  const header = { ...checked.meta, featuresCount: Number(checked.featuresCount) };
  const { idColumn } = parseMetadata(header);
  const featureBytes = (index: number) => {
    const start = starts[index] as number;
    const end = starts[index + 1] ?? source.size;
    return source.read(start, end - start);
  };
  return {
    format: "fgb",
    file,
    count: starts.length,
    crs: crsOfHeader(header),
    read(index, sink) {
      const bytes = featureBytes(index);
      sink.add(
        featureOf(decodeFeature(bytes, 0, bytes.length, header, index + 1), idColumn),
        index,
      );
    },
    geometry(index) {
      const bytes = featureBytes(index);
      try {
        return keptGeometry(decodeGeometry(bytes, 0, bytes.length, header, index + 1));
      } catch (error) {
        if (error instanceof FgbFormatError) return null;
        throw error;
      }
    },
  };
}
