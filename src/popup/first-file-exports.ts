// What `drawn-after-rows.ts` imports from the popup's first file (see scripts/build.mjs): one Preact, one context.
export * from 'preact';
export * from 'preact/hooks';
export { jsx, jsxs } from 'preact/jsx-runtime';
export * from '../ui/services';
