import type { ReactNode } from "react";

/**
 * A determinate progress bar: `done` of `total` (an empty bar while the total is not known yet),
 * named for assistive technology by `label`.
 */
export function ProgressBar({
  done,
  total,
  label,
  testId,
}: {
  done: number;
  total: number;
  label: string;
  testId: string;
}) {
  return (
    <div
      className="check-progress__bar"
      role="progressbar"
      data-testid={testId}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total || 1}
      aria-valuenow={done}
    >
      <div
        className="check-progress__fill"
        style={{ width: `${total > 0 ? (100 * done) / total : 0}%` }}
      />
    </div>
  );
}

/**
 * A run's progress as the check, the comparison and the import show it: the bar, then one live
 * status line saying where the run is (each caller words it).
 */
export function RunProgress({
  done,
  total,
  label,
  text,
  className,
  statusClassName,
  testId,
  children,
}: {
  done: number;
  total: number;
  label: string;
  text: string;
  /** After the status line, e.g. a cancel button. */
  children?: ReactNode;
  className: string;
  statusClassName: string;
  /** The bar is `<testId>-progress`, the status line `<testId>-status`. */
  testId: string;
}) {
  return (
    <div className={className}>
      <ProgressBar done={done} total={total} label={label} testId={`${testId}-progress`} />
      <p className={statusClassName} role="status" data-testid={`${testId}-status`}>
        {text}
      </p>
      {children}
    </div>
  );
}
