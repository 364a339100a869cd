// The room screen: the hub pushes the whole list on every change; the countdown and the clock tick here, on the server's time.
(function () {
  const screen = document.querySelector('[data-testid="projector"]');
  if (!screen) { return; }
  const meeting = Number(screen.dataset.meeting);
  const shown = Number(screen.dataset.shown) || 5;
  const words = JSON.parse(screen.dataset.labels || '{}');
  const skew = Date.parse(screen.dataset.now) - Date.now(); // server clock minus this screen's
  const current = screen.querySelector('[data-testid="projector-current"]');
  const timer = screen.querySelector('[data-testid="projector-timer"]');
  const next = screen.querySelector('[data-testid="projector-next"]');
  const more = screen.querySelector('[data-testid="projector-more"]');
  const clock = screen.querySelector('[data-testid="projector-clock"]');
  const live = screen.querySelector('[data-testid="projector-live"]');
  const el = (tag, text, cls) => { const e = document.createElement(tag); e.textContent = text; if (cls) { e.className = cls; } return e; };
  const kind = k => k && k !== 'statement' ? el('span', words[k] || k, 'kind kind-' + k) : null;

  function render(list) {
    const speaking = list.speakers.find(s => s.status === 'speaking');
    const waiting = list.speakers.filter(s => s.status === 'waiting');
    if (speaking) {
      const parts = [el('bdi', speaking.label, 'who')];
      if (speaking.speakerName) { parts.push(el('bdi', speaking.speakerName, 'name')); }
      const k = kind(speaking.kind);
      if (k) { parts.push(k); }
      current.replaceChildren(...parts);
      current.classList.remove('idle');
      timer.dataset.started = speaking.startedAt || '';
      timer.dataset.limit = speaking.timeLimitSeconds;
    } else {
      current.replaceChildren(words.noOne || '—');
      current.classList.add('idle');
      timer.dataset.started = '';
      timer.textContent = '';
    }
    next.replaceChildren(...waiting.slice(0, shown).map(s => {
      const li = el('li', '', 'kind-' + s.kind);
      li.append(el('bdi', s.label, 'who'));
      const k = kind(s.kind);
      if (k) { li.append(k); }
      return li;
    }));
    const rest = waiting.length - Math.min(shown, waiting.length);
    more.textContent = rest > 0 ? (words.more || '{0}').replace('{0}', rest) : '';
    live.replaceChildren(speaking ? el('bdi', speaking.label) : (words.noOne || ''));
    tick();
  }

  function tick() {
    const now = Date.now() + skew;
    if (timer.dataset.started) {
      const left = Math.round(Number(timer.dataset.limit) - (now - Date.parse(timer.dataset.started)) / 1000);
      const s = Math.abs(left);
      timer.textContent = (left < 0 ? '−' : '') + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
      timer.classList.toggle('over', left < 0);
      timer.classList.toggle('closing', left >= 0 && left <= 30);
    }
    try {
      clock.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: words.timeZone || 'UTC' }).format(new Date(now));
    } catch (e) { /* an unknown zone keeps the server's rendering */ }
  }

  const full = screen.querySelector('[data-fullscreen]');
  const toggle = () => document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen?.();
  full?.addEventListener('click', toggle);
  document.addEventListener('keydown', e => { if ((e.key === 'f' || e.key === 'F') && !e.ctrlKey && !e.metaKey && !e.altKey) { toggle(); } });

  setInterval(tick, 250);
  tick();
  if (!window.signalR) { return; }
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/speakers').withAutomaticReconnect().build();
  connection.on('list', render);
  // data-live says whether the screen follows the room: a node that went away is replaced by another behind the same address.
  connection.onreconnecting(() => { screen.dataset.live = 'reconnecting'; });
  connection.onreconnected(() => connection.invoke('Watch', meeting).then(() => { screen.dataset.live = 'connected'; }));
  connection.onclose(() => { screen.dataset.live = 'closed'; });
  connection.start().then(() => connection.invoke('Watch', meeting)).then(() => { screen.dataset.live = 'connected'; });
})();
