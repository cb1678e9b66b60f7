import fc from 'fast-check';

/**
 * Any string of code points, lone surrogates and controls included: what `fc.string({ unit: 'binary' })` draws,
 * without the map of all 1.1 million code points fast-check builds to shrink that unit — ten seconds and more of
 * every test file that asked for it.
 */
export const anyText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point)), maxLength });

const PATH_CHARS = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;=:@"];

/**
 * An http(s) address: scheme, authority, path and query. `fc.webUrl()` builds the same kind of map as the binary
 * unit for its percent-encoded characters, fifteen seconds a file; its path characters are drawn from this list.
 */
export const anyWebAddress = () =>
  fc
    .tuple(
      fc.constantFrom('http://', 'https://'),
      fc.webAuthority({ withPort: true }),
      fc.array(fc.string({ unit: fc.constantFrom(...PATH_CHARS), maxLength: 12 }), { maxLength: 4 }),
      fc.option(fc.string({ unit: fc.constantFrom(...PATH_CHARS, '/', '?'), maxLength: 20 }), { nil: undefined }),
    )
    .map(
      ([scheme, authority, segments, query]) =>
        `${scheme}${authority}/${segments.join('/')}${query === undefined ? '' : `?${query}`}`,
    );
