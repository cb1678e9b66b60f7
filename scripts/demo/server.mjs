// The demo portal: one loopback port that answers plain HTTP, TLS (self-signed, made at start) and
// proxy CONNECT, for every demo host, and any name under audit-demo.fr as an audit portal (audit-portals.mjs). Chromium
// maps the hosts to it with --host-resolver-rules;
// Firefox reaches it as its proxy. Nothing here ever leaves the machine.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { Duplex } from 'node:stream';
import selfsigned from 'selfsigned';
import { auditPortalAnswer, isAuditPortal } from './audit-portals.mjs';
import { chartePage, homePage } from './pages.mjs';
import { HOSTS, PORTAL_COOKIES, SITES } from './sites.mjs';

function setCookieHeader(cookie, secure) {
  const parts = [`${cookie.name}=${cookie.value}`, 'Path=/', `Max-Age=${cookie.maxAge}`, 'SameSite=Lax'];
  if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** A stream over the socket that starts with the bytes already read from it. */
function replaying(socket, first) {
  const stream = new Duplex({
    read: () => socket.resume(),
    write: (chunk, encoding, done) => socket.write(chunk, encoding, done),
    final: (done) => socket.end(done),
    destroy: (error, done) => {
      socket.destroy();
      done(error);
    },
  });
  stream.remoteAddress = socket.remoteAddress;
  stream.push(first);
  socket.on('data', (chunk) => stream.push(chunk) || socket.pause());
  socket.on('end', () => stream.push(null));
  socket.on('error', (error) => stream.destroy(error));
  socket.on('close', () => stream.destroy());
  return stream;
}

/** What a broken or hostile portal answers at its charte's address. */
function hostileCharte(kind, site, res) {
  const html = (body) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  switch (kind) {
    case 'deep':
      return html(`${chartePage(site)}${'<div>'.repeat(200_000)}`);
    case 'empty':
      return html('');
    case 'maintenance':
      return html('<!doctype html><title>Maintenance</title><h1>Portail en maintenance</h1><p>Revenez plus tard.</p>');
    case 'png':
      return res
        .writeHead(200, { 'content-type': 'image/png' })
        .end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'json':
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"cookies":[]}');
    case 'redirect':
      // To a host the demo server also answers: had the extension followed it, the log would say so.
      return res.writeHead(302, { location: 'https://tracker.example/collect?from=charte' }).end();
    default:
      return res.writeHead(500, { 'content-type': 'text/plain' }).end('unknown answer');
  }
}

export async function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  const log = [];
  const charteAnswers = new Map();
  const auditBehaviours = new Map();
  const { private: key, cert } = await selfsigned.generate([{ name: 'commonName', value: 'Cookies ODS demo' }], {
    keySize: 2048,
    days: 7,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: HOSTS.map((value) => ({ type: 2, value })) }],
  });

  const handle = (secure) => (req, res) => {
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `http://${hostName}`);
    log.push({
      time: Date.now(),
      secure,
      method: req.method,
      host: hostName,
      path: url.pathname,
      search: url.search,
      cookie: req.headers.cookie ?? '',
    });
    const site = SITES[hostName];
    // Any other name is not found: browsers' own requests (Firefox's services reach us as its proxy) get no cookies.
    if (url.pathname === '/favicon.ico' || (!site && !isAuditPortal(hostName))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (!site) {
      void auditPortalAnswer(hostName, url.pathname, auditBehaviours.get(hostName)).then((answer) => {
        // A held page is never answered: the connection closes with the server.
        if (answer.hold) return;
        res
          .writeHead(answer.status, {
            'content-type': answer.type ?? 'text/html; charset=utf-8',
            'set-cookie': answer.cookies,
            'cache-control': 'no-store',
            ...answer.headers,
          })
          .end(answer.html);
      });
      return;
    }
    // Lets tests make a portal's charte answer as a broken or hostile server would.
    if (url.pathname === '/demo/charte-answer') {
      charteAnswers.set(hostName, url.searchParams.get('kind') ?? 'normal');
      res.writeHead(204).end();
      return;
    }
    const answer = charteAnswers.get(hostName);
    if (answer && answer !== 'normal' && /^\/terms\/cookies-/.test(url.pathname)) {
      hostileCharte(answer, site, res);
      return;
    }
    // Lets tests set any cookie from the server side, HttpOnly, partitioned or parent-domain included.
    if (url.pathname === '/demo/set-cookies') {
      res.writeHead(204, { 'set-cookie': url.searchParams.getAll('c') }).end();
      return;
    }
    // On a portal with a consent banner, the choice record is written by the banner, when the visitor chooses.
    const own = site.analytics
      ? PORTAL_COOKIES.filter((cookie) => cookie.name !== 'cookies_preferences')
      : PORTAL_COOKIES;
    const cookies = site.kind === 'portal' ? [...own, ...(site.extraCookies ?? [])] : site.cookies;
    const html =
      url.pathname.startsWith(site.chartePath ?? '/terms/cookies-policy') && (site.charte || site.charteHtml)
        ? (site.charteHtml ?? chartePage(site))
        : homePage(hostName, site);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': cookies.map((cookie) => setCookieHeader(cookie, secure)),
      'cache-control': 'no-store',
    });
    res.end(html);
  };

  const http = createHttpServer(handle(false));
  const https = createHttpsServer({ key, cert }, handle(true));
  // One port for both schemes: a TLS handshake starts with byte 0x16, plain HTTP with a letter.
  // The first bytes are read to tell, so the servers get a stream that replays them.
  const dispatch = (socket) =>
    socket.once('data', (first) => {
      socket.pause();
      (first[0] === 0x16 ? https : http).emit('connection', replaying(socket, first));
    });
  http.on('connect', (_req, socket, head) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    dispatch(socket);
  });
  const server = createNetServer(dispatch);
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();

  return {
    port: address.port,
    hosts: HOSTS,
    log,
    /**
     * Sends every host name to this server: the audit's portals are any name under audit-demo.fr (audit-portals.mjs).
     */
    anyHostRule: `MAP * 127.0.0.1:${address.port}`,
    /** Chromium's flag that sends every demo host to this server, whatever the scheme. */
    resolverRules: HOSTS.map((name) => `MAP ${name} 127.0.0.1:${address.port}`).join(', '),
    /**
     * Makes an audit portal behave as another from now on (`conforme` becomes `refus-ignore`): a portal that changed
     * between two audits.
     */
    setAuditBehaviour: (name, behaviour) => auditBehaviours.set(name, behaviour),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        http.closeAllConnections?.();
        https.closeAllConnections?.();
      }),
  };
}
