/** The middle value (the upper one of an even count); NaN for none. Every bench figure is a median. */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
