import type { Geometry } from "geojson";
import type { ComparePiece, PlanComparison } from "../core/compare/types";
import { type PackedJson, packedJsonAt } from "../io/packed-json";

/**
 * Where the page keeps the geometry of a comparison's pieces that came from the compare worker:
 * packed as JSON text (`worker/compare-parts.ts`), each piece's `geometry` left null, read only
 * when a piece is shown or the comparison exported. A proposal's 100 000 geometries as objects
 * took the page's thread a second to receive and hundreds of MB to hold.
 */
const PACKED = new WeakMap<ComparePiece, { packed: PackedJson; index: number }>();

/** Records that `piece`'s geometry is value `index` of `packed`. */
export function keepPieceGeometry(piece: ComparePiece, packed: PackedJson, index: number): void {
  PACKED.set(piece, { packed, index });
}

/** A piece's geometry: read from its pack (a new object each call), else its own. */
export function pieceGeometry(piece: ComparePiece): Geometry | null {
  const at = PACKED.get(piece);
  return at ? ((packedJsonAt(at.packed, at.index) ?? null) as Geometry | null) : piece.geometry;
}

/** `piece` with its geometry read back (itself when it holds it). */
export const withGeometry = (piece: ComparePiece): ComparePiece =>
  PACKED.has(piece) ? { ...piece, geometry: pieceGeometry(piece) } : piece;

/**
 * The comparison with every piece's geometry read back, keys in their order: what an export
 * writes, byte for byte as the CLI does.
 */
export function withPieceGeometry(comparison: PlanComparison): PlanComparison {
  if (!comparison.pieces.some((p) => PACKED.has(p))) return comparison;
  return { ...comparison, pieces: comparison.pieces.map(withGeometry) };
}
