import { Inflate } from "fflate";
import { concatBytes } from "../concat-bytes";
import { tooMuchInflated } from "../read-problems";
import { corrupt, LOCAL, type ZipEntry, type ZipFailure } from "./zip-directory";

/**
 * Entries inflated with fflate's streaming `Inflate`, fed 16 KiB at a time so the bytes coming out
 * are counted while they come, and the inflation stops at the limit (see `zip-directory.ts`).
 */

/** Bytes of compressed input fed to the inflater per step: at most ~16.5 MiB come out of one. */
const CHUNK = 16 * 1024;

/** Inflated bytes left to a reader across the entries it reads. */
export class ZipBudget {
  constructor(public remaining: number) {}
}

/**
 * Inflates (or copies) one entry, charging its bytes to `budget`: its declared size is checked
 * first, then the bytes coming out of the inflater as they come, so neither a lying header nor a
 * zip bomb gets past the limit.
 */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: ZipBudget,
  limit: number,
): { ok: true; bytes: Uint8Array } | ZipFailure {
  if (entry.flags & 1) {
    return {
      ok: false,
      code: "unreadable-file",
      problem: {
        vi: `${entry.name} được mã hóa bằng mật khẩu; hãy giải nén rồi nén lại không mật khẩu`,
        en: `${entry.name} is encrypted with a password; unzip it and zip it again without one`,
      },
    };
  }
  if (entry.size > budget.remaining) {
    return { ok: false, code: "too-large", problem: tooMuchInflated(entry.size, limit) };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    return corrupt(
      `không thấy phần đầu của ${entry.name}`,
      `the local header of ${entry.name} is missing`,
    );
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return corrupt(`${entry.name} bị cắt cụt`, `${entry.name} is cut short`);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) {
      return corrupt(
        `kích thước của ${entry.name} không khớp`,
        `the sizes of ${entry.name} disagree`,
      );
    }
    budget.remaining -= data.length;
    return { ok: true, bytes: data };
  }
  if (entry.method !== 8) {
    return {
      ok: false,
      code: "unreadable-file",
      problem: {
        vi: `${entry.name} được nén theo kiểu ${entry.method}, chương trình chỉ đọc được kiểu Deflate thông dụng; hãy nén lại bằng Windows, 7-Zip (định dạng zip, Deflate) hoặc QGIS`,
        en: `${entry.name} is compressed with method ${entry.method}; only the usual Deflate is read; zip it again with Windows, 7-Zip (zip format, Deflate) or QGIS`,
      },
    };
  }
  return inflateCounted(data, entry, budget, limit);
}

/** Thrown inside the inflater's callback to stop it at once. */
class Overflow extends Error {}

function inflateCounted(
  data: Uint8Array,
  entry: ZipEntry,
  budget: ZipBudget,
  limit: number,
): { ok: true; bytes: Uint8Array } | ZipFailure {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let overflow: "budget" | "declared" | null = null;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > budget.remaining) overflow = "budget";
    else if (total > entry.size) overflow = "declared";
    if (overflow) throw new Overflow();
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += CHUNK) {
      const last = at + CHUNK >= data.length;
      inflater.push(data.subarray(at, Math.min(at + CHUNK, data.length)), last);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (overflow === "budget") {
      return { ok: false, code: "too-large", problem: tooMuchInflated(null, limit) };
    }
    if (overflow === "declared") {
      return corrupt(
        `${entry.name} dài hơn kích thước khai báo`,
        `${entry.name} is longer than it declares`,
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    return corrupt(
      `không giải nén được ${entry.name}: ${detail}`,
      `${entry.name} cannot be inflated: ${detail}`,
    );
  }
  if (total !== entry.size) {
    return corrupt(
      `${entry.name} ngắn hơn kích thước khai báo`,
      `${entry.name} is shorter than it declares`,
    );
  }
  budget.remaining -= total;
  return { ok: true, bytes: concatBytes(chunks, total) };
}
