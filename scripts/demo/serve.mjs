// `npm run demo`: the demo portal on its own, for curl or a browser set up by hand.
import { startDemoServer } from './server.mjs';

const port = Number(process.env.PORT ?? 8443);
const server = await startDemoServer({ port });
console.log(`demo portal on 127.0.0.1:${server.port} (http, https and proxy) for:\n  ${server.hosts.join('\n  ')}`);
console.log(`Chromium: --host-resolver-rules="${server.resolverRules}"`);
