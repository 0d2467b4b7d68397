/**
 * Validation of the ids callers pass (identity arguments, by-id roots, `_entities`), before any upstream call.
 */
import { GatewayError, badUserInput } from './errors.js';

/** In `u` mode a surrogate pair is one code point, so this matches only unpaired surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Ids travel in SailPoint's path or query string, where an over-long request line gets a 414/431 instead of a 400
 * naming the argument. Real ids are a few dozen characters, so this bound only stops mistakes and abuse.
 */
export const MAX_ID_LENGTH = 128;

/**
 * A lone UTF-16 surrogate has no UTF-8 encoding: the query string would carry U+FFFD instead, and SailPoint would
 * see a value the caller never typed (a filter that silently matches something else, an identity that is not
 * the one asked for).
 */
export function rejectLoneSurrogate(value: string, where: string): void {
  if (LONE_SURROGATE.test(value)) {
    throw badUserInput(
      `\`${where}\` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint`,
    );
  }
}

// Ids are opaque to the gateway, but they travel in SailPoint's query string or path: whitespace or control
// characters can only be mistakes (or attempts to smuggle something), so they are rejected before any upstream call.
const ID_PATTERN = /^[^\s\p{Cc}]+$/u;

/**
 * Validates an id argument: non-empty, at most MAX_ID_LENGTH characters, no whitespace or control characters,
 * no unpaired surrogates. Every id a caller passes (identity arguments, by-id roots, `_entities`) goes through it.
 */
export function validateId(value: string, where: string): string {
  if (value.length > MAX_ID_LENGTH) {
    throw badUserInput(`\`${where}\` must be at most ${MAX_ID_LENGTH} characters long; got ${value.length}`);
  }
  rejectLoneSurrogate(value, where);
  if (!ID_PATTERN.test(value)) {
    throw badUserInput(`\`${where}\` must be a non-empty id without whitespace or control characters`);
  }
  return value;
}

/** validateId as a value, for batch loaders that answer each key with a result or its own error. */
export function idError(value: string, where = 'id'): GatewayError | undefined {
  try {
    validateId(value, where);
    return undefined;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
}
