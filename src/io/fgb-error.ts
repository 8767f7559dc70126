import type { Bilingual } from "../core/validate/validation-issue";

/**
 * A FlatGeobuf file that cannot be read as it stands (cut short, header or index inconsistent with
 * the file's size, a corrupt feature). `problem` says what is wrong in both languages; callers add
 * the file name. The English text is also the error's message.
 */
export class FgbFormatError extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
    this.name = "FgbFormatError";
  }
}

/** Throws a {@link FgbFormatError}. */
export function corrupt(vi: string, en: string): never {
  throw new FgbFormatError({ vi, en });
}
