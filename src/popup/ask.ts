import type { Message, SiteView } from '../protocol';
import { tabParam } from './first-view';

// The popup's first question, asked by this tiny classic script before the page's modules load:
// under a storm of cookie events the background's answer then travels while they are fetched.
// No polyfill here: in Manifest V3 both browsers' own `runtime.sendMessage` returns a promise.
type Runtime = { sendMessage(message: Message<'siteView'>): Promise<SiteView> };
const { browser, chrome } = globalThis as unknown as { browser?: { runtime: Runtime }; chrome: { runtime: Runtime } };
const asked = (browser ?? chrome).runtime.sendMessage({ type: 'siteView', tabId: tabParam(location.search) });
// A failure is the popup's to show once it is drawn; until then it must not count as unhandled.
asked.catch(() => undefined);
window.firstSiteView = asked;
