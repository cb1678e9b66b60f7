import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { warmFirefoxProfile } from '../../scripts/browsers.mjs';
import { startDemoServer } from './demo';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Firefox profile started once, that each Firefox of the run copies (scripts/browsers.mjs). */
    firefoxProfileTemplate: string;
  }
}

/** Once per run, before the E2E files: Firefox's first start on a new profile, paid once instead of a dozen times. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cookies-ods-firefox-profile-'));
  // Its traffic goes where every test Firefox's goes: to a demo server, never past loopback.
  const server = await startDemoServer();
  try {
    await warmFirefoxProfile(dir, server);
  } finally {
    await server.close();
  }
  project.provide('firefoxProfileTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
