/** The Open Cookie Database's names (`{ exact, prefixes }`, each to its row) as JSON text, compiled at build time. */
declare module 'virtual:ocd-names' {
  const names: string;
  export default names;
}
