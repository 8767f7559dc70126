import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { startFirstPictureLoads } from "./app/start-loading";
import { initI18n } from "./i18n";
import { parseUrlState } from "./state/url-state";
import "./ui/app.css";
import "./ui/access.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

initI18n(parseUrlState(window.location.hash).lang ?? "vi");
startFirstPictureLoads(window.location.hash);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
