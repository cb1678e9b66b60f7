// Data compiled into modules at build time, for esbuild (the build, the benches) and Vite (the tests) alike:
// tarteaucitron's services (`virtual:tarteaucitron-services`), the portal directory (`virtual:ods-directory`) and the
// Open Cookie Database's names (`virtual:ocd-names`, a JSON text: parsed only when a cookie is not ours, and faster
// to parse than the same object written as code).
import { ocdNames, pinnedOcd } from '../ocd.mjs';
import { compileDirectory } from './directory.mjs';
import { compileTarteaucitron } from './tarteaucitron.mjs';

const MODULES = {
  'virtual:tarteaucitron-services': () => `export default ${JSON.stringify(compileTarteaucitron())};`,
  'virtual:ods-directory': () => `export const DIRECTORY = ${JSON.stringify(compileDirectory())};`,
  'virtual:ocd-names': () => `export default ${JSON.stringify(JSON.stringify(ocdNames(pinnedOcd().lookup)))};`,
};
const FILTER = new RegExp(`^(${Object.keys(MODULES).join('|')})$`);

export const compiledForEsbuild = {
  name: 'compiled-data',
  setup(build) {
    build.onResolve({ filter: FILTER }, ({ path }) => ({ path, namespace: 'compiled' }));
    build.onLoad({ filter: /.*/, namespace: 'compiled' }, ({ path }) => ({ contents: MODULES[path](), loader: 'js' }));
  },
};

export const compiledForVite = {
  name: 'compiled-data',
  resolveId: (id) => (Object.hasOwn(MODULES, id) ? `\0${id}` : undefined),
  load: (id) => (id.startsWith('\0') && Object.hasOwn(MODULES, id.slice(1)) ? MODULES[id.slice(1)]() : undefined),
};
