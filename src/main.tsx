import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { startLayerLoading } from "./app/layer-loader";
import { initI18n } from "./i18n";
import { parseUrlState } from "./state/url-state";
import "./ui/app.css";
import "./ui/access.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

initI18n(parseUrlState(window.location.hash).lang ?? "vi");
startLayerLoading();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
