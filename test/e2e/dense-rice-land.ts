// The generator is shared with `npm run bench -- --app-check`, which measures the same case.
export { denseRiceLand } from "../../scripts/dense-rice-land.mjs";
