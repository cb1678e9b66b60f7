// `npm run demo`: the demo portal on its own, for curl or a browser set up by hand.
import { AUDIT_BEHAVIOURS, AUDIT_DOMAIN } from './audit-portals.mjs';
import { startDemoServer } from './server.mjs';

const port = Number(process.env.PORT ?? 8443);
const server = await startDemoServer({ port });
console.log(`demo portal on 127.0.0.1:${server.port} (http, https and proxy) for:\n  ${server.hosts.join('\n  ')}`);
console.log(`Chromium: --host-resolver-rules="${server.resolverRules}"`);
// The audit's demo portals: any name under audit-demo.fr, behaving as its first word says.
const demoPortals = AUDIT_BEHAVIOURS.map((behaviour) => `${behaviour}.${AUDIT_DOMAIN}`).join(' ');
const asRoot = process.getuid?.() === 0 ? ' --no-sandbox' : '';
const auditCommand = [
  `npm run audit -- ${demoPortals} --out /tmp/audit-demo --ignore-https-errors${asRoot}`,
  `--browser-arg="--host-resolver-rules=MAP *.${AUDIT_DOMAIN} 127.0.0.1:${server.port}"`,
].join(' ');
console.log(`\nAudit of the demo portals (*.${AUDIT_DOMAIN}), in another terminal:\n  ${auditCommand}`);
