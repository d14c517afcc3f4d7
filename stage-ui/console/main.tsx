// Director console entry (`GET /?token=<role token>`): one store, one /live session, the React layout.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './ConsoleApp.tsx';
import './console.css';
import { ConsoleContext } from './state/ConsoleContext.ts';
import { createConsoleStore } from './state/ConsoleStore.ts';
import { exposeStatus } from './state/exposeStatus.ts';
import { LiveSession } from './state/LiveSession.ts';
import { pageToken } from '../live/pageToken.ts';

// First: the join link's token leaves the address bar before anything can show or send the URL.
pageToken();
const store = createConsoleStore();
const session = new LiveSession(store);
exposeStatus(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleContext.Provider value={{ store, session }}>
      <ConsoleApp />
    </ConsoleContext.Provider>
  </StrictMode>,
);
