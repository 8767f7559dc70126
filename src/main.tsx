import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { createAppFlagStore } from "./app/app-flag-store";
import { initI18n } from "./i18n";
import { FlagStoreProvider } from "./state/flag-store-context";
import { parseUrlState } from "./state/url-state";
import "./ui/app.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

initI18n(parseUrlState(window.location.hash).lang ?? "vi");

// One flag store for the page, made once (not per render): the flags outlive any component.
const flagStore = createAppFlagStore();

createRoot(root).render(
  <StrictMode>
    <FlagStoreProvider store={flagStore}>
      <App />
    </FlagStoreProvider>
  </StrictMode>,
);
