import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createWindowStore } from './store.ts';
import { selectTransport } from './transport/select.ts';
import './styles.css';

const store = createWindowStore(selectTransport());
void store.load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
