/**
 * One case of the proposal-load benchmark (scripts/bench-proposal.mjs bundles and runs it, one
 * process per case, under `timeout` and `/usr/bin/time -v`):
 *
 *   node proposal-load-case.mjs generate DIR ZONES   writes DIR/proposal-wgs84.geojson and
 *                                                    DIR/proposal-vn2000.geojson (deterministic)
 *   node proposal-load-case.mjs parse FILE           the file read and JSON.parse'd, nothing else
 *   node proposal-load-case.mjs load FILE            the file read, the registry's reader, the
 *                                                    proposal pipeline (CRS, WGS84, validation,
 *                                                    land-use attribute) — what the app's Worker
 *                                                    and the CLI do
 *
 * Prints one JSON line: the milliseconds of the operation (wall, and CPU: the machine may be
 * shared), from the file on disk to the result, and what came out.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { positionFromWgs84 } from "../src/core/crs/index";
import { proposalFromRead } from "../src/core/proposal/index";
import { DEFAULT_READ_LIMITS } from "../src/io/read-limits";
import { readSource } from "../src/io/registry";

const [mode = "load", target = "", size = "100000"] = process.argv.slice(2);

/** sfc32 seeded by a fixed number: the same file on every machine. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

const CODES = ["ODT", "ONT", "TMD", "DGT", "LUA", "CLN", "SKC", "DVH", "DYT", "DGD", "NTS", "SON"];

/**
 * `zones` quadrilaterals tiling a box over Hà Nội (105.60–106.00° E, 20.85–21.20° N): a grid
 * whose inner corners are jittered (shared by the four cells around them, so the zones tile), with
 * the attributes a district office's export has (`MDSD` codes, Vietnamese names). Written twice:
 * in WGS84 (6 decimals) and in VN-2000 / TM-3 105° metres (3 decimals, no `crs` member).
 */
function generate(dir: string, zones: number) {
  const columns = Math.round(Math.sqrt(zones * 1.25));
  const rows = Math.ceil(zones / columns);
  const random = prng(42);
  const [west, south, east, north] = [105.6, 20.85, 106.0, 21.2];
  const dx = (east - west) / columns;
  const dy = (north - south) / rows;
  const corners: number[][] = [];
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= columns; i++) {
      const inner = i > 0 && i < columns && j > 0 && j < rows;
      const jx = inner ? (random() - 0.5) * 0.6 * dx : 0;
      const jy = inner ? (random() - 0.5) * 0.6 * dy : 0;
      corners.push([west + i * dx + jx, south + j * dy + jy]);
    }
  }
  const corner = (i: number, j: number) => corners[j * (columns + 1) + i] as number[];
  const toTm3 = positionFromWgs84("EPSG:5897");
  const write = (file: string, digits: number, move: (p: number[]) => number[]) => {
    const parts: string[] = ['{"type":"FeatureCollection","features":[\n'];
    let n = 0;
    for (let j = 0; j < rows && n < zones; j++) {
      for (let i = 0; i < columns && n < zones; i++, n++) {
        const ring = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)];
        ring.push(ring[0] as number[]);
        const text = ring
          .map((p) => move(p).map((v) => Number(v.toFixed(digits))))
          .map((p) => `[${p[0]},${p[1]}]`)
          .join(",");
        const code = CODES[(i * 7 + j * 13) % CODES.length];
        const properties = `{"id":"Z${n + 1}","MDSD":"${code}","ten":"Khu quy hoạch số ${n + 1}","dien_tich":${(1 + ((i + j) % 50) / 10).toFixed(1)}}`;
        parts.push(
          `${n === 0 ? "" : ",\n"}{"type":"Feature","properties":${properties},"geometry":{"type":"Polygon","coordinates":[[${text}]]}}`,
        );
      }
    }
    parts.push("\n]}\n");
    writeFileSync(join(dir, file), parts.join(""));
  };
  write("proposal-wgs84.geojson", 6, (p) => p);
  write("proposal-vn2000.geojson", 3, toTm3);
  return { features: zones };
}

async function run(): Promise<Record<string, unknown>> {
  if (mode === "generate") return generate(target, Number(size));
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let out: Record<string, unknown>;
  if (mode === "parse") {
    const value = JSON.parse(readFileSync(target, "utf8")) as { features: unknown[] };
    out = { features: value.features.length };
  } else {
    const bytes = new Uint8Array(readFileSync(target));
    const read = await readSource([{ name: target, bytes }], { limits: DEFAULT_READ_LIMITS });
    const proposal = proposalFromRead(read);
    out = {
      features: proposal.featureCount,
      valid: proposal.collection.features.length,
      errors: proposal.issues.filter((i) => i.severity === "error").length,
      crs: proposal.crsUsed?.id ?? null,
      attribute: proposal.landUse.attribute,
    };
  }
  const used = process.cpuUsage(cpu);
  return {
    mode,
    ms: performance.now() - wall,
    cpuMs: (used.user + used.system) / 1000,
    ...out,
  };
}

console.log(JSON.stringify(await run()));
