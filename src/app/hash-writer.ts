import { formatUrlState, type UrlState } from "../state/url-state";

/** Writers that may hold a state not yet in the address bar. */
const live = new Set<HashWriter>();

/**
 * Writes every state still waiting for its delay into the address bar now, so a link copied right
 * after a change carries it.
 */
export function flushPendingLinks(): void {
  for (const writer of live) writer.flush();
}

/**
 * Writes the app state into the address bar's hash once it has been still for `delayMs` (zooming
 * with a wheel reports many moves). Uses `history.replaceState`, so moving the map adds no history entries
 * and fires no `hashchange`.
 */
export class HashWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: UrlState | undefined;

  constructor(private readonly delayMs = 300) {
    live.add(this);
  }

  schedule(state: UrlState): void {
    this.pending = state;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes a pending state now (the user is copying the link). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const hash = `#${formatUrlState(this.pending)}`;
    this.pending = undefined;
    if (hash !== window.location.hash) {
      window.history.replaceState(window.history.state, "", hash);
    }
  }

  /** Drops a pending write (the component is going away). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    live.delete(this);
  }
}
