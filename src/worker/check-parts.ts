import type { Finding, PartialResult } from "../core/check/index";
import { packedFindings } from "../map/check-layers";
import type { FromCheckWorker } from "./check-protocol";
import { ListParts, listParts } from "./list-parts";

/**
 * Findings per message. The page reads each message in a task of its own: 500 findings with their
 * conflict geometry take it some tens of ms on a busy machine. A proposal's 11 000 per worker in
 * one message held its thread for half a second, and parts of 2 000 still 110–240 ms each.
 */
export const FINDINGS_PER_PART = 500;

type Result = Extract<FromCheckWorker, { type: "result" }>;
type Part = Extract<FromCheckWorker, { type: "findings" }>;

/**
 * The messages a check worker posts for `message`: a result goes as its findings (and their
 * units) in parts of {@link FINDINGS_PER_PART}, then the result without them, with their drawable
 * parts packed for the map. Other messages go as they are.
 */
export function* checkMessages(message: FromCheckWorker): Generator<FromCheckWorker> {
  if (message.type !== "result") {
    yield message;
    return;
  }
  const { partial, runId } = message;
  for (const [start, findings] of listParts(partial.findings, FINDINGS_PER_PART)) {
    const units = partial.units.slice(start, start + findings.length);
    yield { type: "findings", runId, start, findings, units };
  }
  yield {
    type: "result",
    runId,
    partial: { ...partial, findings: [], units: [] },
    findingsInParts: partial.findings.length,
    drawn: packedFindings(partial.findings),
  };
}

/** The page's side of {@link checkMessages} for one worker: gathers its parts, rebuilds its result. */
export class CheckFindingParts {
  private readonly findings = new ListParts<Finding>();
  private readonly units = new ListParts<number>();

  add(part: Part): void {
    this.findings.add(part.start, part.findings);
    this.units.add(part.start, part.units);
  }

  /** The partial result of `result`, its findings put back when they came in parts. */
  complete(result: Result): PartialResult {
    const count = result.findingsInParts;
    if (count === undefined) return result.partial;
    return {
      ...result.partial,
      findings: this.findings.take(count),
      units: this.units.take(count),
    };
  }
}
