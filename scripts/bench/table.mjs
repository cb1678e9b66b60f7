// The bench's one table: each section adds its rows (what, figure, goal); printed once at the end.
const rows = [];

export const report = (what, value, goal = '') => rows.push([what, value, goal]);
export const fmt = (ms) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
export const ratio = (mine, theirs) => `${(mine / theirs).toFixed(2)}×`;

export function printTable() {
  const width = Math.max(...rows.map(([what]) => what.length));
  console.log(`\nCookies ODS benchmark — ${new Date().toISOString()}, node ${process.version}\n`);
  for (const [what, value, goal] of rows) console.log(`${what.padEnd(width)}  ${value.padEnd(40)}  ${goal}`);
}
