import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import { corrupt } from "./fgb-error";
import { type CheckedHeader, readCheckedHeader, SIZE_PREFIX_BYTES } from "./fgb-header";
import { NODE_BYTES, packedTreeBytes } from "./packed-rtree";

/**
 * Smallest feature: its size prefix, then a root offset, a vtable and a table of 4 bytes each.
 * Used to bound how many features the bytes after the header can hold.
 */
const MIN_FEATURE_BYTES = SIZE_PREFIX_BYTES + 12;

/** Where everything lies in a FlatGeobuf file that was checked against its size. */
export type FgbLayout = {
  header: HeaderMeta;
  /** The packed R-tree's bytes, or null when the file has none. */
  index: Uint8Array | null;
  /** Byte offset of the feature section. */
  featuresStart: number;
  /** Byte offset (of the size prefix) of each feature, in file order, ascending. */
  featureStarts: number[];
};

/** "1099511627776" and, for a power of two, "(2^40)": a corrupt count is often one. */
function showCount(count: bigint): string {
  const power = count > 0n && (count & (count - 1n)) === 0n ? count.toString(2).length - 1 : -1;
  return power >= 10 ? `${count} (2^${power})` : String(count);
}

/**
 * The index's size for the header's count, after checking that the count can fit: `count`
 * features need at least MIN_FEATURE_BYTES each (and a 40-byte leaf node each when indexed), so a
 * count the remaining bytes cannot hold is refused before any arithmetic on it.
 */
function indexBytes(count: bigint, nodeSize: number, room: number): number {
  if (nodeSize === 1) {
    corrupt(
      "phần đầu ghi kích thước nút chỉ mục là 1 (cần ≥ 2)",
      "the header gives an index node size of 1 (2 or more is needed)",
    );
  }
  const perFeature = MIN_FEATURE_BYTES + (nodeSize > 0 ? NODE_BYTES : 0);
  const atMost = Math.floor(room / perFeature);
  if (count > BigInt(atMost)) {
    corrupt(
      `phần đầu ghi ${showCount(count)} đối tượng nhưng ${room} byte còn lại của tệp chỉ đủ chỗ cho nhiều nhất ${atMost}: tệp bị cắt cụt hoặc phần đầu bị hỏng`,
      `the header says ${showCount(count)} features but the ${room} bytes after it have room for at most ${atMost}: the file is cut short or its header is corrupt`,
    );
  }
  if (nodeSize === 0 || count === 0n) return 0;
  const size = packedTreeBytes(Number(count), nodeSize);
  if (size > room) {
    corrupt(
      `chỉ mục không gian của ${count} đối tượng cần ${size} byte nhưng sau phần đầu chỉ còn ${room} byte: tệp bị cắt cụt`,
      `the spatial index of ${count} features needs ${size} bytes but only ${room} bytes follow the header: the file is cut short`,
    );
  }
  return size;
}

/**
 * Finds every feature by walking the size prefixes from the start of the feature section, each
 * checked to lie inside the file. Each step moves on by at least MIN_FEATURE_BYTES, so the walk
 * ends within the file whatever the bytes say. The file is its length and a reader of the
 * little-endian uint32 at a byte: its bytes in memory, or read as needed (`src/io/stream/`).
 */
export function walkFeatures(
  file: { length: number; uint32At(at: number): number },
  start: number,
  count: bigint,
): number[] {
  const bytes = file;
  const starts: number[] = [];
  const expected = count > 0n ? Number(count) : null;
  const of = expected === null ? "" : `/${expected}`;
  let at = start;
  while (at < bytes.length) {
    const number = starts.length + 1;
    if (expected !== null && starts.length === expected) {
      corrupt(
        `sau ${expected} đối tượng mà phần đầu ghi, tệp còn ${bytes.length - at} byte: số đối tượng trong phần đầu sai hoặc tệp bị hỏng`,
        `after the ${expected} features its header announces, the file holds ${bytes.length - at} more bytes: the header's count is wrong or the file is corrupt`,
      );
    }
    if (at + SIZE_PREFIX_BYTES > bytes.length) {
      corrupt(
        `tệp kết thúc giữa kích thước của đối tượng ${number}${of} (byte ${at}): tệp bị cắt cụt`,
        `the file ends inside the size of feature ${number}${of} (byte ${at}): it is cut short`,
      );
    }
    const size = file.uint32At(at);
    if (SIZE_PREFIX_BYTES + size < MIN_FEATURE_BYTES) {
      corrupt(
        `đối tượng ${number}${of} (byte ${at}) chỉ dài ${size} byte: tệp bị hỏng`,
        `feature ${number}${of} (byte ${at}) is only ${size} bytes long: the file is corrupt`,
      );
    }
    const end = at + SIZE_PREFIX_BYTES + size;
    if (end > bytes.length) {
      corrupt(
        `đối tượng ${number}${of} cần ${size} byte từ byte ${at + SIZE_PREFIX_BYTES} nhưng tệp chỉ còn ${bytes.length - at - SIZE_PREFIX_BYTES}: tệp bị cắt cụt`,
        `feature ${number}${of} needs ${size} bytes from byte ${at + SIZE_PREFIX_BYTES} but only ${bytes.length - at - SIZE_PREFIX_BYTES} remain: the file is cut short`,
      );
    }
    starts.push(at);
    at = end;
  }
  if (expected !== null && starts.length < expected) {
    corrupt(
      `phần đầu ghi ${expected} đối tượng nhưng tệp chỉ chứa ${starts.length}: tệp bị cắt cụt`,
      `the header says ${expected} features but the file holds only ${starts.length}: it is cut short`,
    );
  }
  return starts;
}

/**
 * Where the index and the features lie in a file of `length` bytes whose header (checked by
 * {@link readCheckedHeader}) ends at `end`: the count and the index size checked against the bytes
 * left. A count of 0 means "unknown" (FlatGeobuf spec): an index, whose size depends on the count,
 * cannot then be placed, so a file that declares one and holds bytes after its header is refused.
 *
 * @throws FgbFormatError saying what is wrong
 */
export function fgbSections(
  checked: CheckedHeader,
  length: number,
): { indexStart: number; featuresStart: number } {
  const { meta, featuresCount, end } = checked;
  const room = length - end;
  const nodeSize = meta.indexNodeSize;
  if (featuresCount === 0n && nodeSize > 0 && room > 0) {
    corrupt(
      "phần đầu ghi 0 đối tượng (không rõ số lượng) nhưng lại có chỉ mục không gian, mà kích thước chỉ mục phụ thuộc số đối tượng: tệp bị hỏng",
      "the header says 0 features (count unknown) yet declares a spatial index, whose size depends on the count: the file is corrupt",
    );
  }
  return { indexStart: end, featuresStart: end + indexBytes(featuresCount, nodeSize, room) };
}

/**
 * Checks a whole FlatGeobuf file against its size before anything in it is trusted: the header
 * ({@link readCheckedHeader}), the feature count and the index size against the bytes left
 * ({@link fgbSections}), then each feature's size prefix.
 *
 * @throws FgbFormatError saying what is wrong and where
 */
export function fgbLayout(bytes: Uint8Array): FgbLayout {
  const checked = readCheckedHeader(bytes);
  const { indexStart, featuresStart } = fgbSections(checked, bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    header: { ...checked.meta, featuresCount: Number(checked.featuresCount) },
    index: featuresStart > indexStart ? bytes.subarray(indexStart, featuresStart) : null,
    featuresStart,
    featureStarts: walkFeatures(
      { length: bytes.length, uint32At: (at) => view.getUint32(at, true) },
      featuresStart,
      checked.featuresCount,
    ),
  };
}
