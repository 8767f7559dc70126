// A jagged polygon for the min-distance bench and hang guards (generated, never committed): a
// ring around Hà Nội's centre whose vertices jump between the full radius and half of it, so every
// other vertex is the tip of a spike metres wide and kilometres deep, the worst case for a buffer
// (thousands of round joins crossing each other). Deterministic without a seed: vertex k's depth is
// the fractional part of k times the golden ratio, a sequence that never settles into a pattern.

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * A simple, counter-clockwise, closed ring of `vertices` positions around (cx, cy), `radius` degrees
 * at its tips (star-shaped around the centre, so it never crosses itself).
 */
export function jaggedRing(vertices, radius = 0.05, cx = 105.85, cy = 21.03) {
  const ring = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    const depth = (k * GOLDEN) % 1;
    const r = radius * (1 - 0.5 * depth);
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  ring.push(ring[0]);
  return ring;
}

/** The jagged ring as a one-feature GeoJSON FeatureCollection. */
export function jaggedCollection(vertices, radius) {
  return {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: { id: `jagged-${vertices}` },
        geometry: { type: "Polygon", coordinates: [jaggedRing(vertices, radius)] },
      },
    ],
  };
}
