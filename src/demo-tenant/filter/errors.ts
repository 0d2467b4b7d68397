/** The text is not a filter at all; `position` is the 0-based character offset of the problem. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`Invalid filter at position ${position}: ${reason}`);
  }
}

/** The filter parses but uses a field, operator or value type the endpoint does not support. */
export class FilterRuleError extends Error {
  override readonly name = 'FilterRuleError';
  constructor(
    message: string,
    readonly field: string,
    readonly operator?: string,
  ) {
    super(message);
  }
}
