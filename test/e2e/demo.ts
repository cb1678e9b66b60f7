import { startDemoServer } from '../../scripts/demo/server.mjs';

export type DemoServer = Awaited<ReturnType<typeof startDemoServer>>;
export { startDemoServer };
