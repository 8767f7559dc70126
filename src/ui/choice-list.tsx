import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** One value a {@link ChoiceList} offers, with what the reader sees. */
export type Choice = { value: string; label: string };

type Props = {
  /** What is chosen ("Quy tắc", "Trạng thái thẩm định"): the group's name. */
  label: string;
  choices: readonly Choice[];
  /** The chosen values; none chosen means "all". */
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  /** Prefix of the test ids: `${testId}` on the group, `${testId}-${value}` on each checkbox. */
  testId: string;
  /**
   * Folded behind a disclosure button that says what is chosen (long lists: rules, districts); a
   * few choices (severity) are shown as they are.
   */
  folded?: boolean;
};

/**
 * A multi-select of the findings filter: a group of checkboxes (any number ticked; none is "all"),
 * folded behind a native disclosure (`<details>`: Enter or Space opens it, Tab walks the boxes,
 * Escape or a click elsewhere closes it) when the list is long. Checkboxes rather than a custom
 * listbox: every browser and screen reader already knows how to tick several.
 */
export function ChoiceList({ label, choices, chosen, onChange, testId, folded = false }: Props) {
  const { t } = useTranslation();
  const picked = new Set(chosen);
  const toggle = (value: string, on: boolean) =>
    onChange(
      on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value),
    );
  const boxes = choices.map((choice) => (
    <label key={choice.value} className="choice-list__choice">
      <input
        type="checkbox"
        data-testid={`${testId}-${choice.value}`}
        value={choice.value}
        checked={picked.has(choice.value)}
        onChange={(event) => toggle(choice.value, event.target.checked)}
      />
      {choice.label}
    </label>
  ));
  if (!folded) {
    return (
      <fieldset className="choice-list choice-list--inline" data-testid={testId}>
        <legend className="choice-list__legend">{label}:</legend>
        {boxes}
      </fieldset>
    );
  }
  const summary =
    chosen.length === 0
      ? t("triage.any")
      : chosen.length === 1
        ? (choices.find((c) => c.value === chosen[0])?.label ?? chosen[0])
        : t("triage.chosen", { n: chosen.length });
  return (
    <Disclosure testId={testId} chosen={chosen.length} summary={`${label}: ${summary}`}>
      <fieldset className="choice-list__options">
        <legend className="visually-hidden">{label}</legend>
        {boxes}
        {chosen.length > 0 && (
          <button
            type="button"
            className="link-button"
            data-testid={`${testId}-clear`}
            onClick={() => onChange([])}
          >
            {t("triage.clearChoice", { what: label })}
          </button>
        )}
      </fieldset>
    </Disclosure>
  );
}

/** A `<details>` that also closes on Escape (focus back on its button) and on a click outside it. */
function Disclosure({
  testId,
  chosen,
  summary,
  children,
}: {
  testId: string;
  chosen: number;
  summary: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const details = ref.current;
      if (details && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);
  return (
    <details
      ref={ref}
      className="choice-list choice-list--folded"
      data-testid={testId}
      data-chosen={chosen}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        const details = ref.current;
        if (event.key !== "Escape" || !details?.open) return;
        event.stopPropagation();
        details.open = false;
        details.querySelector("summary")?.focus();
      }}
    >
      <summary className="choice-list__summary" data-testid={`${testId}-toggle`}>
        {summary}
      </summary>
      {children}
    </details>
  );
}
