// The chair's console, live: the waiting list is redrawn from every list the hub pushes (speakers-live.js raises it), new
// inscriptions are flagged and announced, and N / S / E give the floor to the next, start the first waiting, end the speech.
(function () {
  const list = document.querySelector('[data-testid="console-list"]');
  const template = document.getElementById('console-item');
  const box = document.querySelector('[data-testid="speakers"]');
  const announce = document.querySelector('[data-testid="console-announce"]');
  if (!list || !template || !box) { return; }
  const words = JSON.parse(box.dataset.labels || '{}');
  let known = new Set([...list.querySelectorAll('li[data-id]')].map(li => li.dataset.id));

  document.addEventListener('speakers:list', e => {
    const waiting = e.detail.speakers.filter(s => s.status === 'waiting');
    const fresh = [];
    list.replaceChildren(...waiting.map(s => {
      const li = template.content.firstElementChild.cloneNode(true);
      li.dataset.id = s.id;
      li.dataset.kind = s.kind;
      li.className = 'kind-' + s.kind;
      li.querySelector('.who').textContent = s.label;
      const kind = li.querySelector('.kind');
      if (s.kind === 'statement') { kind.remove(); } else { kind.textContent = words['InscriptionKind.' + s.kind] || s.kind; kind.classList.add('kind-' + s.kind); }
      li.querySelector('.category').textContent = '(' + (words['Category.' + s.category] || s.category) + ')';
      for (const handler of li.querySelectorAll('input[name="_handler"]')) { handler.value = handler.value.replace('__ID__', s.id); }
      if (!known.has(String(s.id))) {
        li.classList.add('fresh');
        fresh.push(s.label + (s.kind === 'statement' ? '' : ' — ' + (words['InscriptionKind.' + s.kind] || s.kind)));
      }
      return li;
    }));
    known = new Set(waiting.map(s => String(s.id)));
    if (fresh.length > 0 && announce) { announce.textContent = fresh.join('; '); }
  });

  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('input, textarea, select, [contenteditable]')) { return; }
    const key = e.key.toLowerCase();
    const button = key === 'n' ? document.querySelector('[data-testid="chair-next"]')
      : key === 'e' ? document.querySelector('[data-testid="chair-end"]')
      : key === 's' ? list.querySelector('li [data-action="start"]') : null;
    if (button) { e.preventDefault(); button.click(); }
  });
})();
