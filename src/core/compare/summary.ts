import { compareIds } from "../check/id-order";
import type {
  CodeSummary,
  ComparePiece,
  CompareSummary,
  PieceKind,
  TransitionSummary,
} from "./types";

/** Zones of a plan by land-use code (null: no code): how many, and their area in m². */
export type ZoneAreas = Map<string | null, { zones: number; squareMeters: number }>;

/** What `summarize` adds up. */
export type SummaryInput = {
  pieces: readonly ComparePiece[];
  before: ZoneAreas;
  after: ZoneAreas;
  /** Overlap of same-code pairs by code, m². */
  unchanged: Map<string | null, number>;
  unchangedNotComputed: number;
  belowTolerance: { pieces: number; squareMeters: number };
  toleranceSquareMeters: number;
  toleranceMeters: number;
  attributes: { current: string; proposal: string };
};

const HECTARE = 10_000;
/** Order of the kinds in the output: what changes use, then what is new, then what is gone. */
export const KIND_ORDER: Record<PieceKind, number> = { changed: 0, added: 1, removed: 2 };

/** Codes in a stable order: as feature ids are ordered, no code last. */
const byCode = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : compareIds(a, b);

/**
 * An area as the lists order it: to the square metre, so that areas equal but for the last bits
 * of their sums (a piece moving from one code to another, counted once on each side) are ordered
 * by code, not by rounding noise.
 */
const wholeSquareMeters = (squareMeters: number) => Math.round(squareMeters);

/**
 * The summary of a comparison: pieces and area per (kind, from → to), totals per code before and
 * after, and in all. Codes are Map keys, never object keys: they come from the files.
 */
export function summarize(input: SummaryInput): CompareSummary {
  const transitions = new Map<string, TransitionSummary>();
  const totals = {
    pieces: 0,
    notComputed: 0,
    changedHectares: 0,
    addedHectares: 0,
    removedHectares: 0,
    unchangedHectares: 0,
    unchangedNotComputed: input.unchangedNotComputed,
    belowTolerance: { ...input.belowTolerance },
  };
  for (const piece of input.pieces) {
    const key = JSON.stringify([piece.kind, piece.from, piece.to]);
    let row = transitions.get(key);
    if (!row) {
      row = {
        kind: piece.kind,
        from: piece.from,
        to: piece.to,
        pieces: 0,
        notComputed: 0,
        areaSquareMeters: 0,
        hectares: 0,
      };
      transitions.set(key, row);
    }
    row.pieces++;
    totals.pieces++;
    if (piece.status === "not-computed") {
      row.notComputed++;
      totals.notComputed++;
    }
    const area = piece.areaSquareMeters ?? 0;
    row.areaSquareMeters += area;
    row.hectares = row.areaSquareMeters / HECTARE;
    totals[`${piece.kind}Hectares`] += area / HECTARE;
  }
  const codes = new Set([...input.before.keys(), ...input.after.keys(), ...input.unchanged.keys()]);
  const rows: CodeSummary[] = [...codes].map((code) => {
    const b = input.before.get(code);
    const a = input.after.get(code);
    const hectaresBefore = (b?.squareMeters ?? 0) / HECTARE;
    const hectaresAfter = (a?.squareMeters ?? 0) / HECTARE;
    const hectaresUnchanged = (input.unchanged.get(code) ?? 0) / HECTARE;
    totals.unchangedHectares += hectaresUnchanged;
    return {
      code,
      zonesBefore: b?.zones ?? 0,
      zonesAfter: a?.zones ?? 0,
      hectaresBefore,
      hectaresAfter,
      hectaresChange: hectaresAfter - hectaresBefore,
      hectaresUnchanged,
    };
  });
  rows.sort(
    (x, y) =>
      wholeSquareMeters(Math.abs(y.hectaresChange) * HECTARE) -
        wholeSquareMeters(Math.abs(x.hectaresChange) * HECTARE) || byCode(x.code, y.code),
  );
  const list = [...transitions.values()].sort(
    (x, y) =>
      wholeSquareMeters(y.areaSquareMeters) - wholeSquareMeters(x.areaSquareMeters) ||
      KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
      byCode(x.from, y.from) ||
      byCode(x.to, y.to),
  );
  return {
    transitions: list,
    codes: rows,
    totals,
    toleranceSquareMeters: input.toleranceSquareMeters,
    toleranceMeters: input.toleranceMeters,
    attributes: input.attributes,
  };
}
