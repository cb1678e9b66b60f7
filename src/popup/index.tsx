import '../ui/base.css';
import './popup.css';
import { render } from 'preact';
import { Services } from '../ui/services';
import { realServices } from '../ui/real-services';
import { App } from './App';

const param = new URLSearchParams(location.search).get('tab');
const tabId = param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
document.body.classList.toggle('in-tab', tabId !== undefined);

const services = realServices('popupTitle');
const firstView = services.send({ type: 'siteView', tabId });

render(
  <Services.Provider value={services}>
    <App tabId={tabId} inTab={tabId !== undefined} firstView={firstView} />
  </Services.Provider>,
  document.getElementById('root') as HTMLElement,
);
