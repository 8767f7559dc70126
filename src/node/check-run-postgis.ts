import type { Client } from "pg";
import { CheckInternalError, errorLine, shownPath } from "./check-error";
import { type CheckSource, type InputPlan, planInputs, readInputs } from "./check-inputs";
import { problemsStop } from "./check-problems";
import type { RunCheckOutput } from "./check-run";
import { heapMegabytes } from "./check-worker";
import { maskSecrets, openDatabase } from "./postgis/connect";
import { attachTable, readTableFeatures } from "./postgis/in-place";
import { inTurn, startLayerLoad } from "./postgis/load-layers";
import { checkInRun, inRun, layerUses, PostgisQueryError, subjectTest } from "./postgis/run-rules";
import { closeStreamedFiles } from "./streamed-records";

export type RunPostgisOptions = {
  source: CheckSource;
  /** The connection string (from --database or PLAN_LAYERS_DATABASE_URL); never printed. */
  database: string;
  findingGeometry: boolean;
  /** As `RunCheckOptions.beforeRead`. */
  beforeRead?: (plan: InputPlan) => void;
};

/**
 * `npm run check -- --engine postgis`: the same catalogue, rules and readers as the in-process run,
 * the geometry work inside PostGIS (`checkInRun`). Layers from files are read once, by the
 * project's readers, and copied in as they are validated (`startLayerLoad`: a batch at a time for a
 * big FlatGeobuf or newline-delimited one, streamed as in process by `readStreamedLayer`, which
 * keeps only ids and attributes; a layer read whole once read), while the other layers are still
 * being read; a layer that fails validation leaves no working relation. `postgis:` sources are
 * checked where they are. Same output shape as `runCheck`, so the command writes and summarises
 * it the same way.
 *
 * @throws CheckInputError (exit 2) for bad input, a database that cannot be reached or has no
 *   PostGIS, a missing table; CheckInternalError (exit 3) when a rule's SQL fails
 */
export async function runCheckInPostgis(options: RunPostgisOptions): Promise<RunCheckOutput> {
  const t0 = performance.now();
  const plan = await planInputs(options.source);
  options.beforeRead?.(plan);
  const client: Client = await openDatabase(options.database);
  try {
    const uses = layerUses(plan.rules);
    const catalog = shownPath(plan.loaded.catalogPath);
    // every layer reaches its working relation inside the run's transaction, as it is read
    const { loaded, ran, t1 } = await inRun(client, async () => {
      const relations = new Map<string, string>();
      const loaded = await readInputs(
        plan,
        // the connection is shared with the layers being copied in: one at a time
        (file) =>
          inTurn(client, async () => {
            const { id, path, table } = file;
            if (plan.districts?.id === id) {
              const collection = await readTableFeatures(client, catalog, id, path, table);
              return { collection, warnings: [] };
            }
            const use = uses.get(id) ?? { raw: false, geography: false };
            const attached = await attachTable(client, catalog, id, path, table, use);
            relations.set(id, attached.relation);
            return { collection: attached.collection, warnings: [] };
          }),
        (file) => {
          const use = uses.get(file.id);
          if (!use) return null; // the district layer: loaded from its index by the check
          const load = startLayerLoad(client, file.id, use, subjectTest(plan.rules, file.id));
          return {
            add: (features) => load.add(features),
            finish: async () => {
              relations.set(file.id, await load.finish());
            },
            abandon: () => load.abandon(),
          };
        },
      );
      const t1 = performance.now();
      try {
        const ran = await checkInRun(client, loaded.input, {
          loaded: relations,
          findingGeometry: options.findingGeometry,
          stop: (problems) => problemsStop(problems, plan),
        });
        return { loaded, ran, t1 };
      } catch (error) {
        if (!(error instanceof PostgisQueryError)) throw error;
        throw new CheckInternalError(
          [
            errorLine(`--engine postgis (${error.rule})`, {
              vi: `câu lệnh SQL của quy tắc "${error.rule}" lỗi trong PostGIS; hãy báo lỗi kèm các dòng dưới đây`,
              en: `the SQL of rule "${error.rule}" failed in PostGIS; please report it with the lines below`,
            }),
          ],
          maskSecrets(error.message, options.database),
        );
      }
    });
    const t2 = performance.now();
    return {
      result: ran.result,
      loaded,
      timings: { read_ms: t1 - t0, index_ms: ran.timings.load_ms, check_ms: ran.timings.check_ms },
      threads: 1,
      perThread: [
        {
          read_ms: t1 - t0,
          index_ms: ran.timings.load_ms,
          check_ms: t2 - t1 - ran.timings.load_ms,
          heap_mb: heapMegabytes(),
          chunks: 0,
        },
      ],
    };
  } finally {
    await client.end().catch(() => undefined);
    await closeStreamedFiles();
  }
}
