import type { Geometry } from "geojson";
import type { ComparePiece, PlanComparison } from "../core/compare/types";
import { type PackedJson, packedJsonAt } from "../io/packed-json";

/**
 * Where the page keeps the geometry of a comparison's pieces that came from the compare worker:
 * packed as JSON text (`worker/compare-parts.ts`), piece i's geometry value i, each piece's own
 * `geometry` left null; read only when a piece is shown or the comparison exported. A proposal's
 * 100 000 geometries as objects took the page's thread a second to receive. Keyed by the pieces
 * array (one entry per comparison: an entry per piece cost more than receiving the piece).
 */
const PACKED = new WeakMap<readonly ComparePiece[], PackedJson>();

/** Records that the geometry of `pieces[i]` is value i of `packed`. */
export function keepPiecesGeometry(pieces: readonly ComparePiece[], packed: PackedJson): void {
  PACKED.set(pieces, packed);
}

/** The geometry of `piece`, one of `pieces`: read from their pack (a new object each call), else its own. */
export function pieceGeometry(
  pieces: readonly ComparePiece[],
  piece: ComparePiece,
): Geometry | null {
  const packed = PACKED.get(pieces);
  const index = packed ? pieces.indexOf(piece) : -1;
  if (!packed || index < 0) return piece.geometry;
  return (packedJsonAt(packed, index) ?? null) as Geometry | null;
}

/** `piece`, one of `pieces`, with its geometry read back (itself when it holds it). */
export function withGeometry(pieces: readonly ComparePiece[], piece: ComparePiece): ComparePiece {
  return PACKED.has(pieces) ? { ...piece, geometry: pieceGeometry(pieces, piece) } : piece;
}

/**
 * The comparison with every piece's geometry read back, keys in their order: what an export
 * writes, byte for byte as the CLI does.
 */
export function withPieceGeometry(comparison: PlanComparison): PlanComparison {
  const packed = PACKED.get(comparison.pieces);
  if (!packed) return comparison;
  const pieces = comparison.pieces.map((p, i) => ({
    ...p,
    geometry: (packedJsonAt(packed, i) ?? null) as Geometry | null,
  }));
  return { ...comparison, pieces };
}
