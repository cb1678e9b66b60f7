import { opened, type Answer, type Message, type SiteView } from '../protocol';
import { tabParam } from './first-view';

// The popup's first question, asked by this tiny classic script before the page's modules load:
// under a storm of cookie events the background's answer then travels while they are fetched.
// No polyfill here: in Manifest V3 both browsers' own `runtime.sendMessage` returns a promise.
type Runtime = { sendMessage(message: Message<'siteView'>): Promise<Answer<SiteView>> };
type StorageEvent = { addListener(listener: () => void): void; removeListener(listener: () => void): void };
type Api = { runtime: Runtime; storage: { onChanged: StorageEvent } };
const { browser, chrome } = globalThis as unknown as { browser?: Api; chrome: Api };
const api = browser ?? chrome;
// What changes from now on (the journal, settings, a charte, the undo history) may be missing from
// the answer: noted, so that the popup asks again only then, once its own listeners are there.
const noteChange = () => void (window.firstSiteViewStale = true);
api.storage.onChanged.addListener(noteChange);
window.stopNotingChanges = () => api.storage.onChanged.removeListener(noteChange);
const asked = api.runtime.sendMessage({ type: 'siteView', tabId: tabParam(location.search) }).then(opened);
// A failure is the popup's to show once it is drawn; until then it must not count as unhandled.
asked.catch(() => undefined);
window.firstSiteView = asked;
// While the answer and the page's modules are on their way, the first Intl formatter of the page
// is made (the browser loads its locale data then, tens of milliseconds): the rows' turn is shorter.
// In a task of its own, so the page's parsing goes on first.
setTimeout(() =>
  new Intl.NumberFormat(navigator.language, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(1),
);
