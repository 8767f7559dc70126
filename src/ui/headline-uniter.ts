import { createContext } from "react";
import type { Finding } from "../core/check/index";
import type { Uniter } from "../state/triage-area";

/** The uniter of a run's findings (the same object for the same array: it keys the area cache). */
export type UniterFor = (runFindings: readonly Finding[]) => Uniter;

/**
 * Where the headline area's unions are worked out: the app gives the area worker's uniters
 * (`app/use-area-uniters.ts`); without them (a panel rendered alone, in a test) they are worked
 * out on the page, a rule per task. A module of its own, so the app's entry chunk does not take
 * in the panel and its clipping kernel.
 */
export const HeadlineUniterContext = createContext<UniterFor | null>(null);
