import { useEffect, useState } from "react";
import type { Finding } from "../core/check/index";
import type { Uniter } from "../state/triage-area";
import type { UniterFor } from "../ui/headline-uniter";
import type { AreaClient } from "../worker/area-client";
import { startAreaWorker } from "./area-worker";

/**
 * The headline area's uniters, backed by one area worker for the app's life: its client's code is
 * loaded, and the worker started, on the first union asked for (the check tab's results).
 */
export function useAreaUniters(): UniterFor {
  const [uniters] = useState(() => lazyUniters());
  useEffect(() => uniters.dispose, [uniters]);
  return uniters.uniterFor;
}

function lazyUniters(): { uniterFor: UniterFor; dispose: () => void } {
  let client: Promise<AreaClient> | null = null;
  let gone = false;
  const made = new WeakMap<readonly Finding[], Uniter>();
  const uniterFor: UniterFor = (run) => {
    let uniter = made.get(run);
    if (!uniter) {
      uniter = {
        unite: async (rule, members, signal) => {
          if (gone) throw new Error("area worker disposed");
          client ??= import("../worker/area-client").then(
            ({ AreaClient }) => new AreaClient(startAreaWorker),
          );
          return (await client).uniterFor(run).unite(rule, members, signal);
        },
      };
      made.set(run, uniter);
    }
    return uniter;
  };
  const dispose = () => {
    gone = true;
    client?.then(
      (c) => c.dispose(),
      () => undefined,
    );
    client = null;
  };
  return { uniterFor, dispose };
}
