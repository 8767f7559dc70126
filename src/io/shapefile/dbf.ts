import type { Bilingual } from "../../core/validate/validation-issue";
import { setOwn } from "../own-property";

/**
 * dBASE tables (a Shapefile's .dbf), read by hand rather than with shpjs's `parseDbf` (parsedbf):
 * that one takes only an encoding label TextDecoder knows (no TCVN3), trusts the header's record
 * count (a count of 4 billion loops 4 billion times over a small file), turns empty numbers into
 * NaN and dates into Date objects, and sets each field by plain assignment (a field named
 * `__proto__` replaces the record's prototype). Here sizes are checked against the file first,
 * values are JSON (string, number, boolean or null), and every field is an own property.
 */

export type DbfField = {
  /** Raw name bytes (NUL-terminated in the file), decoded once the encoding is chosen. */
  rawName: Uint8Array;
  type: string;
  offset: number;
  length: number;
};

export type DbfTable = {
  bytes: Uint8Array;
  headerLength: number;
  recordLength: number;
  /** Records present in the file (the header's count, or fewer when the file is cut short). */
  count: number;
  /** What the header declares. */
  declaredCount: number;
  fields: DbfField[];
};

const fail = (vi: string, en: string) => ({ ok: false as const, problem: { vi, en } });

/** Reads and checks the header and field descriptors. */
export function readDbfHeader(
  bytes: Uint8Array,
): { ok: true; table: DbfTable } | { ok: false; problem: Bilingual } {
  if (bytes.length < 33) {
    return fail("tệp .dbf quá ngắn, không có phần đầu", "the .dbf is too short to have a header");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declaredCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) {
    return fail(
      `phần đầu tệp .dbf sai (dài ${headerLength} byte, bản ghi ${recordLength} byte, tệp ${bytes.length} byte)`,
      `the .dbf header is wrong (${headerLength} bytes, records of ${recordLength} bytes, file of ${bytes.length} bytes)`,
    );
  }
  const fields: DbfField[] = [];
  let offset = 1; // the deletion flag
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameEnd = bytes.subarray(at, at + 11).indexOf(0);
    const field: DbfField = {
      rawName: bytes.subarray(at, at + (nameEnd < 0 ? 11 : nameEnd)),
      type: String.fromCharCode(bytes[at + 11] as number).toUpperCase(),
      offset,
      length: bytes[at + 16] as number,
    };
    offset += field.length;
    fields.push(field);
  }
  if (offset > recordLength) {
    return fail(
      `các trường của tệp .dbf dài ${offset} byte, hơn độ dài bản ghi ${recordLength}: tệp bị hỏng`,
      `the .dbf's fields take ${offset} bytes, more than its ${recordLength}-byte records: the file is damaged`,
    );
  }
  const present = Math.floor((bytes.length - headerLength) / recordLength);
  const atFieldLength = Math.floor((bytes.length - headerLength) / offset);
  if (fields.length > 0 && present < declaredCount && atFieldLength >= declaredCount) {
    // the records fit at the length their fields make, not at the header's: that field is wrong
    // (read as is, the file would look cut short and every feature lose its attributes)
    return fail(
      `phần đầu tệp .dbf khai báo bản ghi dài ${recordLength} byte nhưng các trường chỉ dài ${offset} byte: tệp bị hỏng, hãy xuất lại lớp`,
      `the .dbf header says its records are ${recordLength} bytes long but its fields take ${offset}: the file is damaged; export the layer again`,
    );
  }
  const count = Math.min(declaredCount, present);
  return { ok: true, table: { bytes, headerLength, recordLength, count, declaredCount, fields } };
}

/** Whether record `index` is marked deleted ("*"). */
export function isDeleted(table: DbfTable, index: number): boolean {
  return table.bytes[table.headerLength + index * table.recordLength] === 0x2a;
}

/** Bytes of a value without the padding writers put around it (spaces, NULs). */
function trimmed(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0)) start++;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(start, end);
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Whether every byte is ASCII: such text decodes the same in every encoding a .dbf uses. */
function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

/** A value of field type `type` as JSON; text through `decode`. */
function fieldValue(type: string, raw: Uint8Array, decode: (bytes: Uint8Array) => string): unknown {
  switch (type) {
    case "N":
    case "F": {
      const text = ascii(trimmed(raw));
      if (text === "" || /^[*-]+$/.test(text)) return null;
      const number = Number(text);
      return Number.isFinite(number) ? number : null;
    }
    case "L": {
      const c = String.fromCharCode(raw[0] ?? 0x3f).toUpperCase();
      return "TY".includes(c) ? true : "FN".includes(c) ? false : null;
    }
    case "D": {
      const text = ascii(trimmed(raw));
      if (text === "") return null;
      return /^\d{8}$/.test(text)
        ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`
        : text;
    }
    case "I":
      return raw.length === 4
        ? new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true)
        : null;
    case "O":
    case "B":
      if (raw.length !== 8) return null;
      return new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, true);
    case "M":
      return null; // kept in a .dbt/.fpt file, not read
    default: {
      const text = trimmed(raw);
      if (text.length === 0) return null;
      return isAscii(text) ? ascii(text) : decode(text);
    }
  }
}

/** The raw bytes of text values and field names that need an encoding (a byte ≥ 0x80). */
export function encodingSamples(table: DbfTable, max: number): Uint8Array[] {
  const samples: Uint8Array[] = [];
  for (const field of table.fields) if (!isAscii(field.rawName)) samples.push(field.rawName);
  const text = table.fields.filter((f) => f.type === "C");
  for (let index = 0; index < table.count && samples.length < max; index++) {
    const start = table.headerLength + index * table.recordLength;
    for (const field of text) {
      const raw = trimmed(
        table.bytes.subarray(start + field.offset, start + field.offset + field.length),
      );
      if (!isAscii(raw)) samples.push(raw);
    }
  }
  return samples;
}

/**
 * Field names, decoded and made unique (a repeated name gets "_2", "_3"…, an empty one
 * "field_N"), with the renamings to report.
 */
export function fieldNames(
  table: DbfTable,
  decode: (bytes: Uint8Array) => string,
): { names: string[]; renamed: string[] } {
  const seen = new Set<string>();
  const renamed: string[] = [];
  const names = table.fields.map((field, i) => {
    const raw = trimmed(field.rawName);
    let name = isAscii(raw) ? ascii(raw) : decode(raw);
    if (name === "") name = `field_${i + 1}`;
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name}_${n}`;
    if (unique !== name) renamed.push(`${name} → ${unique}`);
    seen.add(unique);
    return unique;
  });
  return { names, renamed };
}

/** Record `index` as feature properties, each field an own property (see {@link setOwn}). */
export function dbfRecord(
  table: DbfTable,
  index: number,
  names: readonly string[],
  decode: (bytes: Uint8Array) => string,
): Record<string, unknown> {
  const start = table.headerLength + index * table.recordLength;
  const properties: Record<string, unknown> = {};
  table.fields.forEach((field, i) => {
    const raw = table.bytes.subarray(start + field.offset, start + field.offset + field.length);
    setOwn(properties, names[i] as string, fieldValue(field.type, raw, decode));
  });
  return properties;
}
