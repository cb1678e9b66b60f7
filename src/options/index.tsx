import '../ui/base.css';
import './options.css';
import { render } from 'preact';
import { Services } from '../ui/services';
import { realServices } from '../ui/real-services';
import { App } from './App';

render(
  <Services.Provider value={realServices()}>
    <App />
  </Services.Provider>,
  document.getElementById('root') as HTMLElement,
);
