/**
 * The French portals on Opendatasoft, compiled at build time from data/ods-portals-fr.tsv (scripts/data/directory.mjs).
 */
declare module 'virtual:ods-directory' {
  export const DIRECTORY: ReadonlyArray<readonly [domain: string, publisher: string]>;
}
