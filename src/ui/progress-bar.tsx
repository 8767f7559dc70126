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
