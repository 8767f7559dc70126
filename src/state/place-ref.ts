/**
 * The place chosen in the search, as a link keeps it: a district by its GSO code, a zone of a plan
 * layer by its id, or a point (WGS84). Coordinates typed in VN-2000 are kept as the WGS84 point
 * they name.
 */
export type PlaceRef =
  | { kind: "district"; code: string }
  | { kind: "zone"; layerId: string; id: string }
  | {
      kind: "point";
      lat: number;
      lon: number;
      /** The VN-2000 metres typed, for the marker's words (a link keeps the WGS84 point only). */
      vn2000?: { northing: number; easting: number };
    };

const LAYER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DISTRICT_CODE = /^\d{3}$/;
/** Zone ids are data: any text up to this length (it is only ever compared, never rendered as markup). */
const MAX_ZONE_ID = 128;

function trimNumber(value: number): string {
  const fixed = Number(value.toFixed(6));
  return String(Object.is(fixed, -0) ? 0 : fixed);
}

/**
 * Reads the `place` part of a link: `district:002`, `zone:city-plan-zones:CP-002-0001` or
 * `point:21.0287,105.8522` (lat, lon). Anything else is undefined (a hand-edited link never breaks
 * the app).
 */
export function parsePlaceRef(value: string): PlaceRef | undefined {
  const colon = value.indexOf(":");
  if (colon < 0) return undefined;
  const kind = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (kind === "district") return DISTRICT_CODE.test(rest) ? { kind, code: rest } : undefined;
  if (kind === "zone") {
    const split = rest.indexOf(":");
    const layerId = rest.slice(0, split);
    const id = rest.slice(split + 1);
    if (split < 0 || !LAYER_ID.test(layerId) || id === "" || id.length > MAX_ZONE_ID)
      return undefined;
    return { kind, layerId, id };
  }
  if (kind === "point") {
    const parts = rest.split(",");
    if (parts.length !== 2 || parts.some((p) => p.trim() === "")) return undefined;
    const [lat, lon] = parts.map(Number) as [number, number];
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
    return { kind, lat, lon };
  }
  return undefined;
}

/**
 * Writes a place for a link (the inverse of {@link parsePlaceRef}); a zone id is percent-encoded so
 * it cannot break the link's other parts. Points keep 6 decimals (about 0.1 m).
 */
export function formatPlaceRef(place: PlaceRef): string {
  switch (place.kind) {
    case "district":
      return `district:${place.code}`;
    case "zone":
      return `zone:${place.layerId}:${encodeURIComponent(place.id)}`;
    case "point":
      return `point:${trimNumber(place.lat)},${trimNumber(place.lon)}`;
  }
}
