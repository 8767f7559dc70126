import { booleanPointInPolygon } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { type AuthoredLayers, areaFeatures, featureWhere } from "./authored-layers";
import { isLandUseCode } from "./land-use-codes";
import {
  distanceToPolyline,
  type LocalFrame,
  localFrame,
  type Metres,
  planarDistance,
} from "./local-frame";
import { PlanInputError } from "./plan-input-error";
import type { AreaGeometry } from "./polygon-clip";
import { keyedRandom } from "./prng";
import type { Seed } from "./seeds";
import type { CityStructure, PrecedenceRule } from "./structure-schema";
import { type CodeMix, pickWeighted } from "./weighted-pick";

/** What the assignment rules read, prepared once for all zones. */
export type ZoningContext = {
  structure: CityStructure;
  frame: LocalFrame;
  /** The river's flood-drainage corridor and its centre line (metres in `frame`). */
  floodCorridor: AreaGeometry;
  riverLine: Metres[];
  protectedAreas: { geometry: AreaGeometry; code: string; name: string }[];
  riceAreas: AreaGeometry[];
};

/** A zone waiting for its land use. */
export type ZoneDraft = {
  id: string;
  seed: Seed;
  geometry: AreaGeometry;
  districtCode: string;
  districtName: string;
};

/** The land use of a zone and why: the rule that decided it and the structure element's name. */
export type Assignment = {
  code: string;
  zoneName: string;
  rule: PrecedenceRule;
  conflictNote: string | null;
};

/**
 * Prepares the context: reads the protected areas (their `land_use_code` and `name`) and the
 * protected rice land named by the structure from the authored layers.
 *
 * @throws Error naming the file and feature when a protected area has no valid land-use code
 */
export function zoningContext(
  structure: CityStructure,
  authored: AuthoredLayers,
  floodCorridor: AreaGeometry,
  riverCentreLine: readonly Position[],
): ZoningContext {
  const frame = localFrame(structure.lattice.origin);
  const protectedAreas = structure.protected.flatMap(({ source }) =>
    areaFeatures(authored, source).map((feature: Feature<Polygon | MultiPolygon>, index) => {
      const code = feature.properties?.land_use_code;
      if (typeof code !== "string" || !isLandUseCode(code)) {
        throw new PlanInputError(featureWhere(source, feature, index), {
          vi: '"land_use_code" phải là mã loại đất, ví dụ RDD',
          en: '"land_use_code" must be a land-use code such as RDD',
        });
      }
      const name = feature.properties?.name;
      return { geometry: feature.geometry, code, name: typeof name === "string" ? name : code };
    }),
  );
  return {
    structure,
    frame,
    floodCorridor,
    riverLine: riverCentreLine.map((p) => frame.toMetres(p)),
    protectedAreas,
    riceAreas: areaFeatures(authored, structure.rural.riceSource).map((f) => f.geometry),
  };
}

type Rule = (zone: ZoneDraft, at: Metres, pick: (mix: CodeMix) => string) => Assignment | null;

const decided = (
  rule: PrecedenceRule,
  code: string,
  zoneName: string,
  conflictNote?: string,
): Assignment => ({ code, zoneName, rule, conflictNote: conflictNote ?? null });

function rules(ctx: ZoningContext): Record<PrecedenceRule, Rule> {
  const { structure: s, frame } = ctx;
  const centres = s.urbanCentres.map((c) => ({ ...c, at: frame.toMetres(c.center) }));
  const corridors = s.greenCorridors.map((c) => ({
    ...c,
    metres: c.line.map((p) => frame.toMetres(p)),
  }));
  const inside = (position: Position, geometry: AreaGeometry) =>
    booleanPointInPolygon(position, geometry);
  const upland = new Set(s.rural.upland.districts);
  const urban = new Set(s.rural.urbanDistricts.districts);
  return {
    override: (zone) => {
      const hit = s.overrides.find((o) => inside(o.point, zone.geometry));
      return hit ? decided("override", hit.code, hit.name, hit.conflictNote) : null;
    },
    river: (zone, at, pick) => {
      if (!inside(zone.seed.position, ctx.floodCorridor)) return null;
      const onBed = distanceToPolyline(at, ctx.riverLine) <= s.river.bedHalfWidthM;
      return decided("river", onBed ? s.river.bedCode : pick(s.river.bankMix), s.river.zoneName);
    },
    protected: (zone) => {
      const hit = ctx.protectedAreas.find((p) => inside(zone.seed.position, p.geometry));
      return hit ? decided("protected", hit.code, hit.name) : null;
    },
    industrial: (zone) => {
      const park = zone.seed.park;
      return park ? decided("industrial", s.industrialCode, park.name, park.conflictNote) : null;
    },
    urban: (_zone, at, pick) => {
      const hit = centres.find((c) => planarDistance(at, c.at) <= c.radiusM);
      return hit ? decided("urban", pick(hit.mix), hit.name) : null;
    },
    green: (_zone, at, pick) => {
      const hit = corridors.find((c) => distanceToPolyline(at, c.metres) <= c.widthM / 2);
      return hit ? decided("green", pick(hit.mix), hit.name) : null;
    },
    rural: (zone, _at, pick) => {
      const zoneName = `${s.rural.zoneName} – ${zone.districtName}`;
      if (ctx.riceAreas.some((g) => inside(zone.seed.position, g))) {
        return decided("rural", s.rural.riceCode, zoneName);
      }
      const mix = urban.has(zone.districtCode)
        ? s.rural.urbanDistricts.mix
        : upland.has(zone.districtCode)
          ? s.rural.upland.mix
          : s.rural.mix;
      return decided("rural", pick(mix), zoneName);
    },
  };
}

/**
 * Returns a function giving each zone its land use: the first rule of `structure.precedence` that
 * matches the zone's seed decides (override points match the zone that contains them). Where a
 * rule has a mix, the code is drawn from it with a PRNG keyed by the zone id, so a zone keeps its
 * code as long as its id and the structure do not change. Every zone gets a code: "rural" always
 * matches, and is applied last even when the precedence list leaves it out.
 */
export function landUseAssigner(ctx: ZoningContext): (zone: ZoneDraft) => Assignment {
  const byName = rules(ctx);
  const order = ctx.structure.precedence.includes("rural")
    ? ctx.structure.precedence
    : [...ctx.structure.precedence, "rural" as const];
  return (zone) => {
    const at = ctx.frame.toMetres(zone.seed.position);
    const random = keyedRandom(ctx.structure.seed, `mix:${zone.id}`);
    const pick = (mix: CodeMix) => pickWeighted(mix, random());
    for (const name of order) {
      const assignment = byName[name](zone, at, pick);
      if (assignment) return assignment;
    }
    throw new Error(`zone ${zone.id}: no rule matched`);
  };
}
