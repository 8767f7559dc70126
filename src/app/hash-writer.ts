import { formatUrlState, type UrlState } from "../state/url-state";

/**
 * Writes the app state into the address bar's hash once it has been still for `delayMs` (zooming
 * with a wheel reports many moves). Uses `history.replaceState`, so moving the map adds no history entries
 * and fires no `hashchange`.
 */
export class HashWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: UrlState | undefined;

  constructor(private readonly delayMs = 300) {}

  schedule(state: UrlState): void {
    this.pending = state;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
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
  }
}
