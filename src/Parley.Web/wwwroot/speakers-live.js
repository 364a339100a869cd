// Live list of speakers: the hub pushes the whole list on every change; the timer counts down locally from the server's start time.
(function () {
  const box = document.querySelector('[data-testid="speakers"]');
  if (!box || !window.signalR) { return; }
  const meeting = Number(box.dataset.meeting);
  const skew = Date.parse(box.dataset.now) - Date.now(); // server clock minus this browser's
  const words = JSON.parse(box.dataset.labels || '{}');
  const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) { e.className = cls; } return e; };
  // A delegation's or a speaker's name is content, not interface: isolated for right-to-left pages, and not for translation.
  const name = (tag, value) => { const e = text(tag, value); e.setAttribute('translate', 'no'); e.dir = 'auto'; return e; };
  function render(list) {
    box.dataset.sequence = list.sequence;
    const current = list.speakers.find(s => s.status === 'speaking');
    const waiting = list.speakers.filter(s => s.status === 'waiting');
    const fresh = document.createElement('div');
    if (current) {
      const c = document.createElement('div');
      c.className = 'current';
      c.dataset.testid = 'current-speaker';
      c.setAttribute('data-testid', 'current-speaker');
      c.append(text('span', box.querySelector('.current .label')?.textContent || 'Now speaking', 'label'), ' ', name('strong', current.label));
      if (current.speakerName) { c.append(' — ' + current.speakerName); }
      const t = text('span', '', 'timer');
      t.dataset.started = current.startedAt;
      t.dataset.limit = current.timeLimitSeconds;
      c.append(' ', t);
      fresh.append(c);
    }
    if (!current && waiting.length === 0) {
      fresh.append(text('p', box.querySelector('.empty')?.textContent || '—', 'empty'));
    }
    const ol = document.createElement('ol');
    ol.className = 'speaker-list';
    for (const s of waiting) {
      const li = document.createElement('li');
      li.dataset.id = s.id;
      li.dataset.kind = s.kind;
      li.dataset.category = s.category;
      li.className = 'kind-' + s.kind;
      li.append(name('strong', s.label));
      if (s.speakerName) { li.append(' — ', name('span', s.speakerName)); }
      li.append(' ');
      if (s.kind !== 'statement') { li.append(text('span', words['InscriptionKind.' + s.kind] || s.kind, 'kind kind-' + s.kind), ' '); }
      const category = words['Category.' + s.category] || s.category;
      li.append(text('small', s.category === 'member-state' ? category + ', ' + (words['Level.' + s.level] || s.level) : category));
      ol.append(li);
    }
    fresh.append(ol);
    const spoken = list.speakers.filter(s => s.status === 'spoken');
    if (spoken.length > 0) {
      const details = document.createElement('details');
      details.append(text('summary', box.querySelector('details summary')?.textContent || 'Have spoken'));
      const ul = document.createElement('ul');
      for (const s of spoken) {
        const li = text('li', s.label + ' ');
        if (s.hasStatement) {
          const a = text('a', words['Speakers.Statement'] || 'statement');
          a.href = '/api/v1/meetings/' + meeting + '/speakers/' + s.id + '/statement';
          li.append(a);
        }
        ul.append(li);
      }
      details.append(ul);
      fresh.append(details);
    }
    box.replaceChildren(...fresh.childNodes);
    tick();
    document.dispatchEvent(new CustomEvent('speakers:list', { detail: list }));
  }
  function tick() {
    const t = box.querySelector('.timer');
    if (!t || !t.dataset.started) { return; }
    const left = Math.round(Number(t.dataset.limit) - (Date.now() + skew - Date.parse(t.dataset.started)) / 1000);
    const s = Math.abs(left);
    t.textContent = (left < 0 ? '-' : '') + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    t.classList.toggle('over', left < 0);
  }
  setInterval(tick, 500);
  tick();
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/speakers').withAutomaticReconnect().build();
  connection.on('list', render);
  connection.onreconnected(() => connection.invoke('Watch', meeting));
  connection.start().then(() => connection.invoke('Watch', meeting));
})();
