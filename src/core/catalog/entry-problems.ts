import type * as z from "zod";
import { didYouMean } from "../text/did-you-mean";
import { showText, showValue } from "../text/show-value";
import { issueText, parseShowingIssues } from "../text/zod-issue-text";
import type { Bilingual } from "../validate/validation-issue";

/**
 * One problem found in a file of entries validated one by one (the catalogue's layers, the rules
 * file's rules): where it is and what is wrong, in terms a data steward reads.
 */
export type EntryProblem = {
  /** Index of the entry in its list, or null for the file root. */
  index: number | null;
  /** The entry's id when it has a readable one. */
  id: string | null;
  /** Dotted path of the offending field inside the entry, e.g. "legalBasis.date". */
  field: string;
  /** What is wrong and what to do, in both UI languages; values from the file quoted by `showValue`. */
  message: Bilingual;
};

/** The `id` of a raw entry when it is text, to name an entry that fails validation. */
export function rawEntryId(raw: unknown): string | null {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : null;
}

/** The parts of a zod schema's definition the key lookup walks (zod 4's `_zod.def`). */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
};
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

const child = (value: unknown, key: PropertyKey): unknown =>
  typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined;

/**
 * The keys the schema allows for the object at `path` in `value` (which union option applies is
 * read from the value's discriminator), or [] when the path leads to no object schema.
 */
function knownKeysAt(schema: z.ZodType, value: unknown, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  const [head, ...rest] = path;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return def.innerType ? knownKeysAt(def.innerType, value, path) : [];
    case "pipe":
      return def.in ? knownKeysAt(def.in, value, path) : [];
    case "object": {
      const shape = def.shape ?? {};
      if (head === undefined) return Object.keys(shape);
      const next = Object.hasOwn(shape, head) ? shape[String(head)] : undefined;
      return next ? knownKeysAt(next, child(value, head), rest) : [];
    }
    case "array":
      return def.element && head !== undefined
        ? knownKeysAt(def.element, child(value, head), rest)
        : [];
    case "record":
      return def.valueType && head !== undefined
        ? knownKeysAt(def.valueType, child(value, head), rest)
        : [];
    case "union": {
      const options = def.options ?? [];
      const tag = def.discriminator;
      const chosen = tag
        ? options.filter((o) => {
            const literal = defOf(o).shape?.[tag];
            return literal ? (defOf(literal).values ?? []).includes(child(value, tag)) : false;
          })
        : options;
      return [...new Set(chosen.flatMap((o) => knownKeysAt(o, value, path)))];
    }
    default:
      return [];
  }
}

/**
 * One problem per zod issue, in both languages; `wholeEntry` names the field of an issue about the
 * entry itself. An unknown key (zod's strict objects) is one problem per key, at the key's own path,
 * with the closest key the schema allows there when one is close: `schema` and `input` are what was
 * parsed, with {@link parseShowingIssues} (zod's Vietnamese needs each issue's input).
 */
export function zodProblems(
  error: z.ZodError,
  index: number | null,
  id: string | null,
  wholeEntry: string,
  schema: z.ZodType,
  input: unknown,
): EntryProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code !== "unrecognized_keys") {
      return [{ index, id, field: at.join(".") || wholeEntry, message: issueText(issue) }];
    }
    const known = knownKeysAt(schema, input, issue.path);
    return issue.keys.map((key) => {
      const hint = didYouMean(key, known);
      return {
        index,
        id,
        field: [...at, showText(key)].join("."),
        message: {
          vi: `khóa ${showValue(key)} không có trong lược đồ${hint.vi}: sửa hoặc xóa khóa này`,
          en: `unknown key ${showValue(key)}${hint.en}: correct or remove it`,
        },
      };
    });
  });
}

/**
 * Validates entry `index` of a file's list: its data, or its problems naming the index, the raw id
 * and the field.
 */
export function parseEntry<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  index: number,
  wholeEntry: string,
): { data: z.output<T>; problems: null } | { data: null; problems: EntryProblem[] } {
  const parsed = parseShowingIssues(schema, raw);
  if (parsed.success) return { data: parsed.data, problems: null };
  return {
    data: null,
    problems: zodProblems(parsed.error, index, rawEntryId(raw), wholeEntry, schema, raw),
  };
}

/**
 * Validates a file's root. Unknown keys there are problems, but only they: the entries still load
 * (the viewer shows what it can; the CLI refuses any problem). Any other root problem yields no data.
 */
export function parseRoot<T extends z.ZodObject>(
  schema: T,
  json: unknown,
  wholeEntry: string,
): { data: z.infer<T> | null; problems: EntryProblem[] } {
  const parsed = parseShowingIssues(schema, json);
  if (parsed.success) return { data: parsed.data, problems: [] };
  const problems = zodProblems(parsed.error, null, null, wholeEntry, schema, json);
  const onlyKeys = parsed.error.issues.every(
    (issue) => issue.code === "unrecognized_keys" && issue.path.length === 0,
  );
  const loose = onlyKeys ? schema.strip().safeParse(json) : null;
  // the same shape without the strict check: the keys it drops are the problems above
  return { data: loose?.success ? (loose.data as z.infer<T>) : null, problems };
}

/**
 * The ids of a file's entries so far: an id an earlier entry holds is a problem naming that entry.
 * `noun` names an entry of the file ("lớp" / "layer").
 */
export class EntryIds {
  /** Index of the entry that holds each id. */
  private readonly holders = new Map<string, number>();

  constructor(private readonly noun: Bilingual) {}

  /** The problem when an earlier entry holds `id` already, else null. */
  duplicate(id: string, index: number): EntryProblem | null {
    const first = this.holders.get(id);
    if (first === undefined) return null;
    const { vi, en } = this.noun;
    return {
      index,
      id,
      field: "id",
      message: {
        vi: `id ${showValue(id)} đã dùng cho ${vi} #${first}: đặt cho mỗi ${vi} một id riêng`,
        en: `duplicate ${en} id ${showValue(id)} (also ${en} #${first}): give each ${en} an id of its own`,
      },
    };
  }

  /** Entry `index`, which loaded, holds `id`. */
  add(id: string, index: number): void {
    this.holders.set(id, index);
  }
}

/** The language of a problem line: the UI's, or both on one line, Vietnamese first (the CLI's). */
export type ProblemLanguage = keyof Bilingual | "both";

const inLanguage = (text: Bilingual, lang: ProblemLanguage) =>
  lang === "both" ? `${text.vi} / ${text.en}` : text[lang];

/**
 * One line per problem, for a terminal (`lang` "both") or the app (its UI language), e.g.
 * `rules.json: quy tắc / rule #0 "x" severity: … / …`. `noun` names an entry of the file.
 */
export function formatEntryProblem(
  problem: EntryProblem,
  file: string,
  noun: Bilingual,
  lang: ProblemLanguage = "both",
): string {
  const where =
    problem.index === null
      ? ""
      : ` ${inLanguage(noun, lang)} #${problem.index}${problem.id ? ` ${showValue(problem.id)}` : ""}`;
  return `${file}:${where} ${problem.field}: ${inLanguage(problem.message, lang)}`;
}
