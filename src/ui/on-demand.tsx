import { Component, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "./notice";

/** What the user calls the part being loaded, in the UI's language. */
export type PartName = (t: ReturnType<typeof useTranslation>["t"]) => string;

/** "Loading…" in the place of a part whose chunk is on its way. */
function PartLoading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" data-testid="part-loading">
      {t("onDemand.loading")}
    </p>
  );
}

function PartFailed({ part, error }: { part: PartName; error: unknown }) {
  const { t } = useTranslation();
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <Notice
      tone="error"
      title={t("onDemand.failed", { part: part(t), detail })}
      testId="part-failed"
    />
  );
}

/**
 * A chunk that did not arrive (offline, or the app was updated on the server and the old chunk is
 * gone) shows as a message naming the part, instead of a blank page: React unmounts the whole
 * tree on an error no boundary catches.
 */
class PartBoundary extends Component<
  { part: PartName; children: ReactNode },
  { error: unknown; failed: boolean }
> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override render() {
    if (this.state.failed) return <PartFailed part={this.props.part} error={this.state.error} />;
    return this.props.children;
  }
}

/**
 * The place of a component whose code is loaded the first time it is shown (`React.lazy`: a chunk
 * of its own, with what only it uses): "Loading…" meanwhile (`quiet`: nothing, for a dialog that
 * comes up at once), and a message naming the part if its chunk cannot be loaded.
 */
export function OnDemand({
  part,
  quiet = false,
  children,
}: {
  part: PartName;
  quiet?: boolean;
  children: ReactNode;
}) {
  return (
    <PartBoundary part={part}>
      <Suspense fallback={quiet ? null : <PartLoading />}>{children}</Suspense>
    </PartBoundary>
  );
}
