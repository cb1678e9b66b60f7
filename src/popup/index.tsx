import '../ui/base.css';
import './popup.css';
import { render } from 'preact';
import { Services } from '../ui/services';
import { realServices } from '../ui/real-services';
import { App } from './App';
import { tabParam, type FirstView } from './first-view';

const tabId = tabParam(location.search);
document.body.classList.toggle('in-tab', tabId !== undefined);

const services = realServices('popupTitle');
// Without `ask.ts` (a page opened oddly), what changed since cannot be known: the popup catches up once.
const firstView: FirstView = window.firstSiteView
  ? {
      view: window.firstSiteView,
      stale: () => window.firstSiteViewStale === true,
      handOver: () => window.stopNotingChanges?.(),
    }
  : { view: services.send({ type: 'siteView', tabId }), stale: () => true, handOver: () => undefined };

// Nothing is drawn before the answer, as a static page shows nothing before its HTML: the rows are
// then in the very first frame, never one frame behind a « Chargement… ».
firstView.ready = await firstView.view.catch(() => undefined);

render(
  <Services.Provider value={services}>
    <App tabId={tabId} inTab={tabId !== undefined} firstView={firstView} />
  </Services.Provider>,
  document.getElementById('root') as HTMLElement,
);
export * from './first-file-exports';
