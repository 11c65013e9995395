/** Errors a user can act on: one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export class InputError extends Error {
  override name = "InputError";
}

export function isUserError(e: unknown): e is UsageError | ConfigError | InputError {
  return e instanceof UsageError || e instanceof ConfigError || e instanceof InputError;
}
