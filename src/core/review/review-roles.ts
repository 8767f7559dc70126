import { showValue } from "../text/show-value";
import type { Bilingual } from "../validate/validation-issue";
import type { FlagEvent } from "./flag-types";

/*
 * Who may do what in a shared review (the review server, issue 10). Pure, so the app can refuse a
 * change the server would refuse before queueing it, with the same words, and the server and its
 * tests read one table.
 */

/**
 * The roles of a council member in a review. `admin` is the server's administrator (every review);
 * the others are given per review, so a reviewer of one review is nobody in another.
 */
export const REVIEW_ROLES = ["admin", "lead", "reviewer", "consultant", "viewer"] as const;
/** One of {@link REVIEW_ROLES}. */
export type ReviewRole = (typeof REVIEW_ROLES)[number];
/** The roles given per review (admin is server-wide). */
export const MEMBER_ROLES = [
  "lead",
  "reviewer",
  "consultant",
  "viewer",
] as const satisfies readonly ReviewRole[];
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * What one may do in a review:
 * - `read`: see the flags, their history and comments; export the review file;
 * - `flag`: flag a finding or draw a flag;
 * - `status`: change a flag's status;
 * - `settle`: decide a disagreement between reviewers;
 * - `comment`: comment on a flag (the consultant's answers);
 * - `edit`: move, delete or restore a flag;
 * - `close`: close the review (no change after) or open it again;
 * - `import`: merge a review file into the review;
 * - `address`: address a comment to the consultant (it waits in their list until answered);
 * - `answer`: answer a comment addressed to the consultant, or a flag needing revision;
 * - `upload`: upload a revised proposal (kept with its version, who uploaded it and when).
 */
export const REVIEW_RIGHTS = [
  "read",
  "flag",
  "status",
  "settle",
  "comment",
  "edit",
  "close",
  "import",
  "address",
  "answer",
  "upload",
] as const;
export type ReviewRight = (typeof REVIEW_RIGHTS)[number];

/** The permission table (README "Who may do what" shows the same). */
export const PERMISSIONS: Readonly<Record<ReviewRole, readonly ReviewRight[]>> = {
  admin: [...REVIEW_RIGHTS],
  lead: [...REVIEW_RIGHTS],
  reviewer: ["read", "flag", "status", "comment", "edit", "address"],
  consultant: ["read", "comment", "answer", "upload"],
  viewer: ["read"],
};

/** Whether `role` may exercise `right`. */
export function may(role: ReviewRole, right: ReviewRight): boolean {
  return PERMISSIONS[role].includes(right);
}

/** The rights an event needs, all of them. */
export function rightsForEvent(event: FlagEvent): ReviewRight[] {
  switch (event.type) {
    case "create":
      return ["flag"];
    case "status":
      return [event.settles ? "settle" : "status"];
    case "comment":
      return [
        "comment",
        ...(event.to === undefined ? [] : ["address" as const]),
        ...(event.inReplyTo === undefined ? [] : ["answer" as const]),
      ];
    default:
      return ["edit"];
  }
}

/** What `GET /api/session` of the review server says it is: how the app knows it is served by it. */
export const REVIEW_SERVER_ID = "plan-layers-review-server";

/** The roles as the council reads them. */
export const ROLE_NAMES: Readonly<Record<ReviewRole, Bilingual>> = {
  admin: { vi: "quản trị", en: "admin" },
  lead: { vi: "chủ trì thẩm định", en: "lead reviewer" },
  reviewer: { vi: "thành viên thẩm định", en: "reviewer" },
  consultant: { vi: "đơn vị tư vấn", en: "consultant" },
  viewer: { vi: "người xem", en: "viewer" },
};

const RIGHT_NAMES: Readonly<Record<ReviewRight, Bilingual>> = {
  read: { vi: "xem cuộc thẩm định", en: "read the review" },
  flag: { vi: "gắn cờ", en: "flag" },
  status: { vi: "đổi trạng thái cờ", en: "change a flag's status" },
  settle: { vi: "phân xử bất đồng", en: "settle a disagreement" },
  comment: { vi: "ghi chú", en: "comment" },
  edit: { vi: "di chuyển, xóa hoặc khôi phục cờ", en: "move, delete or restore a flag" },
  close: { vi: "đóng hoặc mở lại cuộc thẩm định", en: "close or reopen the review" },
  import: { vi: "nhập tệp thẩm định", en: "import a review file" },
  address: { vi: "gửi ghi chú cho đơn vị tư vấn", en: "address a comment to the consultant" },
  answer: {
    vi: "trả lời ý kiến gửi đơn vị tư vấn",
    en: "answer a comment addressed to the consultant",
  },
  upload: { vi: "tải lên phương án điều chỉnh", en: "upload a revised proposal" },
};

/** Why `role` may not exercise `right`, naming both and who may. */
export function notAllowed(role: ReviewRole, right: ReviewRight): Bilingual {
  const who = REVIEW_ROLES.filter((r) => may(r, right));
  return {
    vi: `vai trò "${ROLE_NAMES[role].vi}" không được ${RIGHT_NAMES[right].vi}: chỉ ${who.map((r) => ROLE_NAMES[r].vi).join(", ")} được làm việc này`,
    en: `the role "${ROLE_NAMES[role].en}" may not ${RIGHT_NAMES[right].en}: only ${who.map((r) => ROLE_NAMES[r].en).join(", ")} may`,
  };
}

/** The review is closed: nothing changes until a lead reviewer opens it again. */
export const reviewClosed = (review: string): Bilingual => ({
  vi: `cuộc thẩm định ${showValue(review)} đã đóng: không thay đổi được nữa; người chủ trì có thể mở lại`,
  en: `review ${showValue(review)} is closed: nothing can change; a lead reviewer may reopen it`,
});

/**
 * Why `role` may not append `event` to a review, or null when it may: the right the event needs,
 * that the review is open, and that the event is signed with the member's own name (a member
 * speaks for nobody else) — unless the role may `import`: a lead merging a council member's review
 * file appends events signed by that member.
 */
export function eventRefusal(
  role: ReviewRole,
  event: FlagEvent,
  context: { user: string; review: string; closed: boolean },
): Bilingual | null {
  const right = rightsForEvent(event).find((r) => !may(role, r));
  if (right) return notAllowed(role, right);
  if (context.closed) return reviewClosed(context.review);
  if (event.reviewer !== context.user && !may(role, "import")) {
    return {
      vi: `sự kiện ${event.eventId} ký tên ${showValue(event.reviewer)}, không phải tên đăng nhập ${showValue(context.user)}: mỗi người chỉ ghi thay đổi của chính mình`,
      en: `event ${event.eventId} is signed ${showValue(event.reviewer)}, not the signed-in name ${showValue(context.user)}: each member records only their own changes`,
    };
  }
  return null;
}
