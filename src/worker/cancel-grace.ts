/**
 * How long a cancelled worker may take to stop before it is terminated, ms. In a module of its own:
 * the one-worker runners (import, comparison) read it without loading the check engine.
 */
export const CANCEL_GRACE_MS = 1500;
