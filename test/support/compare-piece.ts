import type { ComparePiece, CompareSummary, TransitionSummary } from "../../src/core/compare/index";

/** A piece of a comparison: a changed ODT → LUC square unless told otherwise. */
export function piece(overrides: Partial<ComparePiece> = {}): ComparePiece {
  return {
    id: "p1",
    kind: "changed",
    status: "ok",
    from: "ODT",
    to: "LUC",
    current: "C-1",
    proposal: "P-1",
    areaSquareMeters: 12_345.6,
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [105.8, 21],
          [105.81, 21],
          [105.81, 21.01],
          [105.8, 21],
        ],
      ],
    },
    districts: ["001"],
    ...overrides,
  };
}

/** A transition of the summary: changed ODT → LUC, one piece, 1 ha, unless told otherwise. */
export function transition(overrides: Partial<TransitionSummary> = {}): TransitionSummary {
  return {
    kind: "changed",
    from: "ODT",
    to: "LUC",
    pieces: 1,
    notComputed: 0,
    areaSquareMeters: 10_000,
    hectares: 1,
    ...overrides,
  };
}

/** A summary with these transitions and nothing else. */
export function summaryOf(transitions: TransitionSummary[]): CompareSummary {
  return {
    transitions,
    codes: [],
    totals: {
      pieces: transitions.reduce((n, t) => n + t.pieces, 0),
      notComputed: 0,
      changedHectares: 0,
      addedHectares: 0,
      removedHectares: 0,
      unchangedHectares: 0,
      unchangedNotComputed: 0,
      belowTolerance: { pieces: 0, squareMeters: 0 },
    },
    toleranceSquareMeters: 1,
    toleranceMeters: 0.01,
    attributes: { current: "land_use_code", proposal: "land_use_code" },
  };
}
