/**
 * The one clock of the extension. Everything that needs the time takes a `now` function, with this
 * as its default, so that tests hand in their own and no code reads the system clock behind them.
 */
export const systemNow = (): number => Date.now();
