import type { Bilingual } from "../validate/validation-issue";
import { isAddressedToConsultant } from "./consultant-inbox";
import type { FlagEvent, FlagStatus } from "./flag-types";
import { compareEvents } from "./fold-flags";
import { flagIdForFinding, isOwnFlagId } from "./review-ids";
import { STATUS_NAMES } from "./review-messages";
import { canChangeStatus } from "./status-rules";

/** A problem in a flag's history: the field (path inside the feature) and what is wrong. */
export type HistoryProblem = { field: string; message: Bilingual };

const at = (i: number, key: string) => `properties.history.${i}.${key}`;

/** The target checks of a creation: the flag id must be the one its target gives. */
function createProblem(
  flagId: string,
  e: FlagEvent,
  i: number,
  first: FlagEvent,
): HistoryProblem[] {
  if (e.type !== "create") return [];
  if (e.target.kind === "finding") {
    const expected = flagIdForFinding(e.target.finding.id);
    if (flagId === expected) return [];
    return [
      {
        field: at(i, "target.finding.id"),
        message: {
          vi: `cờ trên phát hiện ${e.target.finding.id} phải có mã "${expected}"`,
          en: `a flag on finding ${e.target.finding.id} has the id "${expected}"`,
        },
      },
    ];
  }
  if (!isOwnFlagId(flagId) || e !== first) {
    return [
      {
        field: at(i, "target"),
        message: {
          vi: 'cờ tự vẽ có mã "own:…" và chỉ được tạo một lần',
          en: 'a drawn flag has an "own:…" id and is created once',
        },
      },
    ];
  }
  return [];
}

/**
 * What a history breaks of the rules every history this app writes keeps: events of this flag,
 * in order, created first, the flag id its target gives, moves only of drawn flags, answers only to
 * an earlier event addressed to the consultant, status changes
 * replacing earlier status events of the same flag by a change {@link canChangeStatus} allows (a
 * lead's settlement may choose any status). A history that breaks them was edited by hand or
 * written by another program, and folding it could show a state nobody chose.
 */
export function historyProblems(flagId: string, history: readonly FlagEvent[]): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const statusOf = new Map<string, FlagStatus>();
  const first = history[0];
  if (first && first.type !== "create") {
    problems.push({
      field: at(0, "type"),
      message: {
        vi: 'lịch sử phải bắt đầu bằng "create"',
        en: 'the history must start with "create"',
      },
    });
  }
  history.forEach((e, i) => {
    if (e.flagId !== flagId) {
      problems.push({
        field: at(i, "flagId"),
        message: {
          vi: `sự kiện thuộc cờ khác, không phải "${flagId}"`,
          en: `the event is not of flag "${flagId}"`,
        },
      });
    }
    const previous = history[i - 1];
    if (previous && compareEvents(previous, e) >= 0) {
      problems.push({
        field: at(i, "at"),
        message: {
          vi: "các sự kiện phải xếp theo thời gian rồi theo mã sự kiện, không lặp",
          en: "events must be in time order, then by event id, none twice",
        },
      });
    }
    if (first) problems.push(...createProblem(flagId, e, i, first));
    if (e.type === "create") statusOf.set(e.eventId, "open");
    if (e.type === "geometry" && !isOwnFlagId(flagId)) {
      problems.push({
        field: at(i, "type"),
        message: { vi: "chỉ cờ tự vẽ mới di chuyển được", en: "only a drawn flag can be moved" },
      });
    }
    if (e.type === "comment" && e.inReplyTo !== undefined) {
      const asked = history.slice(0, i).find((earlier) => earlier.eventId === e.inReplyTo);
      if (!asked || !isAddressedToConsultant(asked)) {
        problems.push({
          field: at(i, "inReplyTo"),
          message: {
            vi: `"${e.inReplyTo}" không phải một ý kiến gửi đơn vị tư vấn trước đó của cờ này`,
            en: `"${e.inReplyTo}" is not an earlier event of this flag addressed to the consultant`,
          },
        });
      }
    }
    if (e.type !== "status") return;
    for (const replaced of e.replaces) {
      const from = statusOf.get(replaced);
      if (from === undefined) {
        problems.push({
          field: at(i, "replaces"),
          message: {
            vi: `"${replaced}" không phải một sự kiện trạng thái trước đó của cờ này`,
            en: `"${replaced}" is not an earlier status event of this flag`,
          },
        });
      } else if (
        !e.settles &&
        !canChangeStatus(from, e.status) &&
        // a change replacing several heads may leave one that had its status already
        !(from === e.status && e.replaces.length > 1)
      ) {
        problems.push({
          field: at(i, "status"),
          message: {
            vi: `không được chuyển từ "${STATUS_NAMES[from].vi}" sang "${STATUS_NAMES[e.status].vi}"`,
            en: `"${STATUS_NAMES[from].en}" cannot change to "${STATUS_NAMES[e.status].en}"`,
          },
        });
      }
    }
    statusOf.set(e.eventId, e.status);
  });
  return problems;
}
