import type { ComparePiece, PlanComparison } from "../core/compare/types";
import { type PackedJson, packedJsonTransfer, packJson } from "../io/packed-json";
import { keepPiecesGeometry } from "../state/piece-geometry";
import type { FromCompareWorker } from "./compare-protocol";
import { ListParts, listParts } from "./list-parts";

/**
 * Pieces per message. The page reads each message in a task of its own: 5 000 pieces without
 * their geometry take it some tens of ms, where a proposal's 100 000 pieces in one message, with
 * their geometry, held its thread for a second.
 */
export const PIECES_PER_PART = 5000;

type Result = Extract<FromCompareWorker, { type: "result" }>;
type Part = Extract<FromCompareWorker, { type: "pieces" }>;

/**
 * The messages a compare worker posts for `message`, with the buffers to transfer: a result goes
 * as its pieces in parts of {@link PIECES_PER_PART}, without their geometry, the first part also
 * carrying every piece's geometry packed as JSON text (two buffers, transferred), then the result
 * without its pieces. Other messages go as they are.
 */
export function* compareMessages(
  message: FromCompareWorker,
): Generator<[FromCompareWorker, Transferable[]]> {
  if (message.type !== "result") {
    yield [message, []];
    return;
  }
  const { pieces } = message.comparison;
  const geometry = packJson(pieces.map((p) => p.geometry));
  for (const [start, some] of listParts(pieces, PIECES_PER_PART)) {
    const part: Part = {
      type: "pieces",
      runId: message.runId,
      start,
      // the same keys in the same order (an export writes them so); the geometry in the pack
      pieces: some.map((p) => ({ ...p, geometry: null })),
      ...(start === 0 ? { geometry } : {}),
    };
    yield [part, start === 0 ? packedJsonTransfer(geometry) : []];
  }
  const { comparison, ...rest } = message;
  yield [{ ...rest, comparison: { ...comparison, pieces: [] }, piecesInParts: pieces.length }, []];
}

/**
 * The page's side of {@link compareMessages}: gathers a run's parts as they come (a task each) and
 * puts the result together. Each piece's geometry stays packed until it is read (a piece selected,
 * an export): the page never holds 100 000 geometries as objects.
 */
export class ComparePieceParts {
  private runId = -1;
  private readonly pieces = new ListParts<ComparePiece>();
  private geometry: PackedJson | null = null;

  /** Takes a part of run `part.runId` (its first part starts afresh). */
  add(part: Part): void {
    if (part.start === 0) {
      this.runId = part.runId;
      this.geometry = part.geometry ?? null;
    }
    this.pieces.add(part.start, part.pieces);
  }

  /**
   * The comparison of `result`, its pieces put back when they came in parts (their geometry
   * kept packed: see `pieceGeometry`); throws when parts are missing (they cannot be: one worker
   * posts them in order before its result).
   */
  complete(result: Result): PlanComparison {
    if (result.piecesInParts === undefined) return result.comparison;
    if (result.runId !== this.runId)
      throw new Error(`comparison ${result.runId}: its pieces did not arrive`);
    const pieces = this.pieces.take(result.piecesInParts);
    if (this.geometry) keepPiecesGeometry(pieces, this.geometry);
    return { ...result.comparison, pieces };
  }
}
