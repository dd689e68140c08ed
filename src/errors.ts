/**
 * Errors that reach the user. A UserError is the user's to fix (bad file, bad option, locked
 * database): the CLI prints its message on one line and exits 1. Anything else is a bug: exit 2.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** The first line of any error, never a stack trace. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 500);
}
