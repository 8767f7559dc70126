/** The "×" button that closes a card or a notice; `label` is its accessible name and tooltip. */
export function CloseButton({
  label,
  onClick,
  className,
}: {
  label: string;
  onClick: () => void;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={className ? `icon-button ${className}` : "icon-button"}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      ×
    </button>
  );
}
