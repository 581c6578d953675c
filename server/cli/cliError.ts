import type { Db } from "../storage/database.js";

/** A CLI failure: the message for stderr and the exit code (1 refused or failed, 2 wrong usage). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

/** One admin command: runs against the database with the arguments after its name. */
export type CliCommand = (db: Db, args: string[], env: Record<string, string | undefined>) => void | Promise<void>;

/** Reads an enumerated option, or explains the choices (exit code 2). */
export function oneOf<T extends string>(value: string | undefined, choices: readonly T[], option: string): T {
  if (value === undefined) throw new CliError(`${option} is required (one of ${choices.join(", ")}).`, 2);
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliError(`${option} must be one of ${choices.join(", ")} (got "${value}").`, 2);
  }
  return value as T;
}

/** Reads a required string option (exit code 2 when missing). */
export function required(value: string | undefined, option: string): string {
  if (!value || !value.trim()) throw new CliError(`${option} is required.`, 2);
  return value.trim();
}

/** Refuses arguments given to a command that takes none (exit code 2). */
export function noArguments(args: string[]): void {
  if (args.length > 0) throw new CliError(`Unexpected argument: ${args[0]}`, 2);
}
