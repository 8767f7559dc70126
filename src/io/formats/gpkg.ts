import type { Feature } from "geojson";
import type { Database, SqlValue } from "sql.js";
import { showText } from "../../core/text/show-value";
import type { Bilingual } from "../../core/validate/validation-issue";
import { describeFeature } from "../../core/validate/validation-issue";
import { FeatureSink } from "../feature-sink";
import type { CrsEvidence, FormatModule, ReadOptions, ReadResult } from "../format-types";
import { readGeometryBlob } from "../gpkg/geometry-blob";
import { sqlEngine } from "../gpkg/sql-engine";
import { GPKG_CONTAINER, otherLayersNotRead, unknownLayer, withLayers } from "../layer-choice";
import { setOwn } from "../own-property";
import { ReadProgress } from "../progress";
import { tooManyFeatures, unreadable } from "../read-problems";
import { looksLikeSqlite } from "../sniff";
import type { SourceFile } from "../source-files";

/** An SQL identifier quoted: a table or column name from the file cannot break out of it. */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

type FeatureTable = { name: string; column: string; srsId: number };

const NOT_GPKG: Bilingual = {
  vi: "là cơ sở dữ liệu SQLite nhưng không phải GeoPackage (không có bảng gpkg_contents, gpkg_geometry_columns); hãy lưu lại lớp dạng GeoPackage từ QGIS",
  en: "is an SQLite database but not a GeoPackage (no gpkg_contents, gpkg_geometry_columns tables); save the layer as a GeoPackage from QGIS",
};

/** The feature tables (with a geometry column), in the order gpkg_contents lists them. */
function featureTables(db: Database): FeatureTable[] | null {
  try {
    const [result] = db.exec(
      `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
       JOIN gpkg_geometry_columns g ON lower(g.table_name) = lower(c.table_name)
       WHERE c.data_type = 'features' ORDER BY c.rowid`,
    );
    return (result?.values ?? []).map(([name, column, srsId]) => ({
      name: String(name),
      column: String(column),
      srsId: Number(srsId),
    }));
  } catch {
    return null;
  }
}

/** The evidence of an SRS id: EPSG when its organisation is EPSG, else its WKT, else none. */
function srsEvidence(db: Database, srsId: number): CrsEvidence {
  let row: SqlValue[] | undefined;
  try {
    row = db.exec(
      "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
      [srsId],
    )[0]?.values[0];
  } catch {
    return { kind: "none" };
  }
  if (!row) return { kind: "none" };
  const [organization, code, definition] = row;
  if (String(organization).toUpperCase() === "EPSG" && Number(code) > 0) {
    return { kind: "epsg", code: Number(code), from: "gpkg" };
  }
  const wkt = typeof definition === "string" ? definition.trim() : "";
  if (wkt && wkt.toLowerCase() !== "undefined") return { kind: "wkt", wkt, from: "gpkg" };
  return { kind: "none" };
}

/** The column holding the feature id: the table's INTEGER PRIMARY KEY, if it has one. */
function idColumn(db: Database, table: string): string | null {
  const [info] = db.exec(`PRAGMA table_info(${quoted(table)})`);
  const rows = (info?.values ?? []).filter((r) => r[5] === 1);
  const only = rows.length === 1 ? rows[0] : undefined;
  return only && String(only[2]).toUpperCase() === "INTEGER" ? String(only[1]) : null;
}

/** Reads the rows of `table` as features, with progress and cancellation. */
async function readTable(
  db: Database,
  file: string,
  table: FeatureTable,
  others: string[],
  options: ReadOptions,
): Promise<ReadResult> {
  const label = `${file} › ${table.name}`;
  const crs = srsEvidence(db, table.srsId);
  const total = Number(
    db.exec(`SELECT count(*) FROM ${quoted(table.name)}`)[0]?.values[0]?.[0] ?? 0,
  );
  if (total > options.limits.maxFeatures) {
    return tooManyFeatures("gpkg", label, total, options.limits.maxFeatures);
  }
  const id = idColumn(db, table.name);
  const sink = new FeatureSink(label);
  if (others.length > 0) {
    const message = otherLayersNotRead(GPKG_CONTAINER, table.name, others, options.pickLayer);
    sink.problem("several-layers", message, "warning");
  }
  const binary = new Set<string>();
  const statement = db.prepare(`SELECT * FROM ${quoted(table.name)}`);
  try {
    const columns = statement.getColumnNames();
    const geometryAt = columns.findIndex((c) => c.toLowerCase() === table.column.toLowerCase());
    const idAt = id === null ? -1 : columns.indexOf(id);
    const progress = new ReadProgress(options, total);
    for (let index = 0; statement.step(); index++) {
      if (progress.due()) await progress.step(index);
      const row = statement.get();
      const properties: Record<string, unknown> = {};
      row.forEach((value, i) => {
        if (i === geometryAt || i === idAt) return;
        const name = columns[i] as string;
        if (value instanceof Uint8Array) {
          binary.add(name);
          setOwn(properties, name, null);
        } else setOwn(properties, name, value);
      });
      // the table's row id is the feature's id, unless an "id" column says what users call it
      const fid = idAt >= 0 && !Object.hasOwn(properties, "id") ? row[idAt] : undefined;
      const feature = {
        type: "Feature",
        ...(typeof fid === "number" ? { id: fid } : {}),
        properties,
        geometry: null,
      } as unknown as Feature;
      const blob = geometryAt >= 0 ? row[geometryAt] : null;
      const geometry = readGeometryBlob(blob instanceof Uint8Array ? blob : null);
      if (!geometry.ok) {
        sink.leaveOut(index, describeFeature(feature), "unreadable-feature", geometry.problem);
        continue;
      }
      (feature as { geometry: unknown }).geometry = geometry.geometry;
      sink.add(feature, index);
    }
    progress.finish();
  } finally {
    statement.free();
  }
  if (binary.size > 0) {
    const list = [...binary].map(showText).join(", ");
    sink.problem(
      "missing-part",
      {
        vi: `cột ${list} chứa dữ liệu nhị phân, không phải thuộc tính; đã bỏ`,
        en: `column ${list} holds binary data, not an attribute; left out`,
      },
      "warning",
    );
  }
  return sink.finish({ format: "gpkg", crs });
}

/**
 * GeoPackage (.gpkg, what QGIS saves by default): an SQLite database read with sql.js. The
 * feature tables come from gpkg_contents and gpkg_geometry_columns, the SRS from
 * gpkg_spatial_ref_sys; geometries are GeoPackage blobs (`gpkg/geometry-blob.ts`). The first
 * feature table is read, or the one `options.layer` names.
 */
export const gpkgFormat: FormatModule = {
  async read(files: SourceFile[], options: ReadOptions): Promise<ReadResult> {
    const { name: file, bytes } = files[0] as SourceFile;
    if (!looksLikeSqlite(bytes)) {
      return unreadable("gpkg", file, "unknown-format", {
        vi: "không phải tệp GeoPackage (thiếu dấu nhận dạng “SQLite format 3” ở đầu tệp)",
        en: "is not a GeoPackage file (the “SQLite format 3” signature at its start is missing)",
      });
    }
    const SQL = await sqlEngine(options.sqlWasm);
    options.signal?.throwIfAborted();
    let db: Database;
    try {
      db = new SQL.Database(bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return unreadable("gpkg", file, "unreadable-file", {
        vi: `không mở được cơ sở dữ liệu (${detail}); tệp có thể bị hỏng hoặc cắt cụt`,
        en: `the database cannot be opened (${detail}); the file may be damaged or cut short`,
      });
    }
    try {
      const tables = featureTables(db);
      if (tables === null) return unreadable("gpkg", file, "unknown-format", NOT_GPKG);
      if (tables.length === 0) {
        return unreadable("gpkg", file, "missing-part", {
          vi: "GeoPackage không có lớp đối tượng nào (chỉ có bảng dữ liệu hoặc ảnh)",
          en: "the GeoPackage has no feature layer (only attribute tables or tiles)",
        });
      }
      const names = tables.map((t) => t.name);
      const wanted = options.layer?.toLowerCase();
      const table =
        wanted === undefined ? tables[0] : tables.find((t) => t.name.toLowerCase() === wanted);
      if (!table) {
        const message = unknownLayer(GPKG_CONTAINER, options.layer ?? "", names, options.pickLayer);
        return withLayers(unreadable("gpkg", file, "several-layers", message), names);
      }
      const others = wanted === undefined ? names.slice(1) : [];
      return withLayers(await readTable(db, file, table, others, options), names);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      return unreadable("gpkg", file, "unreadable-file", {
        vi: `cơ sở dữ liệu bị hỏng, không đọc được (${detail})`,
        en: `the database is damaged and cannot be read (${detail})`,
      });
    } finally {
      db.close();
    }
  },
};
