/** A file imported as its text (`?raw`): Vite does it, and scripts/build.mjs for esbuild. */
declare module '*?raw' {
  const text: string;
  export default text;
}
