import { useEffect } from "react";

/**
 * Asks the browser to warn before the page closes or reloads while `unsaved` is true: flag events
 * not yet written to IndexedDB exist only in this page's memory.
 */
export function useUnloadWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the warning only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
}
