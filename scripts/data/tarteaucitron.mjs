// tarteaucitron.js's own list of which cookies each service key covers (tarteaucitron.services.js,
// MIT), compiled into `{ service: [cookie names] }`: the file is run in an empty VM context where
// `tarteaucitron` is a stand-in, and no service's code is ever called. A name built from the site's
// own identifier (`'_ga_' + gtagUa`) becomes a prefix, written with a trailing `*`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
export const TARTEAUCITRON_SERVICES = require.resolve('tarteaucitronjs/tarteaucitron.services.js');
export const TARTEAUCITRON_LICENSE = require.resolve('tarteaucitronjs/LICENSE');
/** Stands for the site's own identifiers: whatever follows it in a cookie name is the site's. */
const SITE_ID = 'SITEID';

export function compileTarteaucitron(source = readFileSync(TARTEAUCITRON_SERVICES, 'utf8')) {
  const anything = new Proxy(() => {}, {
    get: (_, key) => (key === Symbol.toPrimitive ? () => SITE_ID : anything),
    apply: () => anything,
  });
  const tarteaucitron = new Proxy(
    { services: {}, user: anything },
    { get: (target, key) => (key in target ? target[key] : anything) },
  );
  const context = vm.createContext({ tarteaucitron, window: anything, document: anything, navigator: anything });
  vm.runInContext(source, context, { timeout: 5_000 });
  const services = {};
  for (const [key, service] of Object.entries(tarteaucitron.services)) {
    if (!Array.isArray(service?.cookies) || service.needConsent === false) continue;
    const names = new Set();
    for (const cookie of service.cookies) {
      if (typeof cookie !== 'string') continue;
      const at = cookie.indexOf(SITE_ID);
      const name = at === -1 ? cookie : `${cookie.slice(0, at)}*`;
      if (name.length > 2 && name !== '*') names.add(name);
    }
    if (names.size > 0) services[key] = [...names].sort();
  }
  return services;
}
