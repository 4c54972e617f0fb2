// Keeping the page current: one EventSource on the API's live change stream (/v1/changes as
// Server-Sent Events). The changes it pushes are gathered for a moment, so that a burst of writes
// is one redraw, then handed to onChanges. The browser reconnects by itself when the server goes
// away, sending the last event's id so that nothing is missed; each reconnection is handed on
// as a null change too, meaning "anything may have changed while we were away". A stream the
// server refuses (503, 429) is opened again after a pause.
import { api } from './api.js';

const GATHER_MS = 100;
const REOPEN_MS = 5000;

export function followChanges({ onChanges, onState }) {
  let pending = [];
  let timer = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    onChanges(batch);
  };
  const add = (change) => {
    pending.push(change);
    timer ??= setTimeout(flush, GATHER_MS);
  };
  let opened = false;
  const open = () => {
    const source = new EventSource(`${api}/v1/changes?format=sse`);
    source.onopen = () => {
      onState('live');
      if (opened) add(null); /* back after a break: anything may have changed meanwhile */
      opened = true;
    };
    source.onmessage = (event) => {
      try {
        add(JSON.parse(event.data));
      } catch {
        add(null);
      }
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        onState('offline');
        setTimeout(open, REOPEN_MS);
      } else {
        onState('reconnecting');
      }
    };
  };
  open();
}
