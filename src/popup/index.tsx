import '../ui/base.css';
import './popup.css';
import { render } from 'preact';
import { Services } from '../ui/services';
import { realServices } from '../ui/real-services';
import { App } from './App';
import { tabParam } from './first-view';

const tabId = tabParam(location.search);
document.body.classList.toggle('in-tab', tabId !== undefined);

const services = realServices('popupTitle');
const firstView = window.firstSiteView ?? services.send({ type: 'siteView', tabId });

render(
  <Services.Provider value={services}>
    <App tabId={tabId} inTab={tabId !== undefined} firstView={firstView} />
  </Services.Provider>,
  document.getElementById('root') as HTMLElement,
);
