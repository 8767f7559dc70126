import type { Position } from "geojson";
import type { CrsEvidence, ReadResult } from "../../io/format-types";
import { sentences } from "../crs/crs-text";
import {
  type CrsChoice,
  type CrsDecision,
  decideCrs,
  describeChoice,
  samplePositions,
} from "../crs/index";
import { type Bilingual, issueIn, type ValidationIssue } from "../validate/validation-issue";

/** The CRS a read file's coordinates are taken in, and why; or the problem that there is none. */
export type CrsStep =
  | {
      ok: true;
      /** What the file and its coordinates say (`decideCrs`), kept for a chooser. */
      decision: CrsDecision;
      /** The CRS used: the caller's override, else the decision's. */
      choice: CrsChoice;
      /** Which CRS is used and why, one or two sentences (what the CLI prints, the app shows). */
      reason: Bilingual;
      /** Whether the caller chose it (`--crs`, the app's chooser). */
      overridden: boolean;
    }
  | { ok: false; decision: CrsDecision; issue: ValidationIssue };

/** Whether the file declares WGS84 longitude/latitude, by definition or by an EPSG code. */
const saysWgs84 = (crs: CrsEvidence) =>
  crs.kind === "wgs84" || (crs.kind === "epsg" && crs.code === 4326);

/** Whether every sampled position is a longitude/latitude somewhere on Earth. */
const allLonLat = (sample: readonly Position[]) =>
  sample.length > 0 &&
  sample.every((p) => Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90);

/**
 * Decides the CRS of a read file (`decideCrs` on its evidence and a sample of its positions), or
 * takes the caller's `override`. One case `decideCrs` leaves open is settled here: a file that
 * says it is WGS84 (GeoJSON by RFC 7946, KML, EPSG:4326) whose positions are all longitude and
 * latitude, only not in Vietnam, is read as WGS84, as the file says — the layer checks then
 * place it; `decideCrs` looks for Vietnam only. Any other undecided file is a file-level
 * "unknown-crs" error naming what was seen and what to do.
 */
export function crsStep(result: ReadResult, override?: CrsChoice): CrsStep {
  const sample = samplePositions(result.collection);
  const decision = decideCrs(result.crs, sample);
  if (override) {
    const chosen = describeChoice(override);
    return {
      ok: true,
      decision,
      choice: override,
      overridden: true,
      reason: sentences(
        {
          vi: `Dùng ${chosen.vi} theo lựa chọn của người dùng`,
          en: `Using ${chosen.en} as chosen`,
        },
        { vi: `Theo tệp: ${decision.reason.vi}`, en: `From the file: ${decision.reason.en}` },
      ),
    };
  }
  if (decision.choice) {
    return {
      ok: true,
      decision,
      choice: decision.choice,
      overridden: false,
      reason: decision.reason,
    };
  }
  if (saysWgs84(result.crs) && allLonLat(sample)) {
    return {
      ok: true,
      decision,
      choice: { id: "EPSG:4326", axis: "xy" },
      overridden: false,
      reason: sentences(decision.reason, {
        vi: "Tọa độ đều là kinh độ, vĩ độ như tệp khai báo, nên dùng EPSG:4326 (WGS 84)",
        en: "All coordinates are longitude, latitude as the file declares, so EPSG:4326 (WGS 84) is used",
      }),
    };
  }
  return {
    ok: false,
    decision,
    issue: issueIn(result.file, null, "unknown-crs", {
      vi: `không biết hệ tọa độ của tệp: ${decision.reason.vi} Hãy chọn hệ tọa độ (dòng lệnh: --crs, ví dụ --crs EPSG:5897)`,
      en: `the file's coordinate system cannot be told: ${decision.reason.en} Choose the CRS (command line: --crs, e.g. --crs EPSG:5897)`,
    }),
  };
}
