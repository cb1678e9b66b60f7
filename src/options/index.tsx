import '../ui/base.css';
import './options.css';
import { render } from 'preact';
import { Services } from '../ui/services';
import { realServices } from '../ui/real-services';
import { App } from './App';

const services = realServices('optionsTitle');

render(
  <Services.Provider value={services}>
    <App />
  </Services.Provider>,
  document.getElementById('root') as HTMLElement,
);
