// Live compilation: when anyone changes this version, the server sends an event; the changed provisions are refreshed in place.
(function () {
  const article = document.querySelector('[data-testid="compilation"]');
  const status = document.querySelector('[data-testid="live-status"]');
  if (!article || !window.EventSource) { return; }
  const version = article.dataset.version;
  let pending = new Set();
  let timer = null;
  async function refresh() {
    const keys = Array.from(pending);
    pending = new Set();
    const response = await fetch(window.location.href, { credentials: 'same-origin' });
    if (!response.ok) { return; }
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const key of keys) {
      const fresh = doc.getElementById('c-' + key);
      const current = document.getElementById('c-' + key);
      if (fresh && current) { current.replaceWith(fresh); }
    }
    if (keys.length === 0) {
      const fresh = doc.querySelector('[data-testid="compilation"]');
      const old = document.querySelector('[data-testid="compilation"]');
      if (fresh && old) { old.replaceWith(fresh); }
    }
    if (status) { status.textContent = 'Updated ' + new Date().toLocaleTimeString(); }
  }
  const source = new EventSource('/api/v1/versions/' + version + '/events');
  source.addEventListener('change', (e) => {
    const change = JSON.parse(e.data);
    if (change.provisionKey) { pending.add(change.provisionKey); }
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
})();
