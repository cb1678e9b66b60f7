/**
 * A function made to answer once per distinct arguments. Making an Intl formatter, or asking the
 * browser for a message, costs far more than reusing the answer, and a popup asks hundreds of times.
 */
export function madeOnce<A extends (string | number)[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let answer = made.get(key);
    if (answer === undefined) made.set(key, (answer = make(...args)));
    return answer;
  };
}
