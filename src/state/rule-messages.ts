import type { Finding } from "../core/check/index";

type Message = Finding["message"];

/**
 * The legal sentence each rule's findings share (which plan prevails and must be adjusted), by rule
 * id: the list says it once in the rule's group header instead of on every card. A rule whose
 * findings say different things has no entry, and its cards keep their own sentence. Not to be
 * changed by the caller (the same map comes back for the same list).
 */
export function sharedRuleMessages(findings: readonly Finding[]): ReadonlyMap<string, Message> {
  // the list last asked about: a large run's are worked out a task before its list renders
  if (lastShared?.findings === findings) return lastShared.shared;
  const shared = new Map<string, Message>();
  const mixed = new Set<string>();
  for (const f of findings) {
    if (mixed.has(f.rule)) continue;
    const known = shared.get(f.rule);
    if (!known) shared.set(f.rule, f.message);
    else if (known.vi !== f.message.vi || known.en !== f.message.en) {
      shared.delete(f.rule);
      mixed.add(f.rule);
    }
  }
  lastShared = { findings, shared };
  return shared;
}

/** One list only, as `groupFindings` keeps its groupings: the results list shows one run. */
let lastShared: { findings: readonly Finding[]; shared: ReadonlyMap<string, Message> } | null =
  null;

/** Whether a card must say its own legal sentence: its rule's group header does not say it. */
export function ownMessage(finding: Finding, shared: ReadonlyMap<string, Message>): boolean {
  const common = shared.get(finding.rule);
  return !common || common.vi !== finding.message.vi || common.en !== finding.message.en;
}
