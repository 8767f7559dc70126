import { useTranslation } from "react-i18next";
import type { LayerSettings } from "../state/layer-settings";
import type { LoadedProposal } from "../state/proposal-layer";
import { LayerRow } from "./layer-row";

/** The loaded proposal as a layer row of its own, above the catalogue's layers. */
export function ProposalLayerRow({
  proposal,
  setting,
  onVisible,
  onOpacity,
  onZoom,
  onRemove,
}: {
  proposal: LoadedProposal;
  setting: LayerSettings[string] | undefined;
  onVisible: (id: string, visible: boolean) => void;
  onOpacity: (id: string, opacity: number) => void;
  onZoom: (id: string) => void;
  /** Removes the proposal from the session (the replaced layer is shown and checked again). */
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { entry } = proposal;
  return (
    <section className="layer-group" aria-labelledby="level-proposal" data-level="proposal">
      <h3 id="level-proposal" className="layer-group__title">
        {t("import.proposalGroup")}
      </h3>
      <ul className="layer-group__list">
        <LayerRow
          layer={entry}
          visible={setting?.visible ?? true}
          opacity={setting?.opacity ?? entry.opacity}
          source={{ status: "ready", data: proposal.data, bbox: proposal.bbox }}
          onVisible={onVisible}
          onOpacity={onOpacity}
          onZoom={onZoom}
        />
      </ul>
      <button type="button" className="button" data-testid="proposal-remove" onClick={onRemove}>
        {t("import.remove")}
      </button>
    </section>
  );
}
