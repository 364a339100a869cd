// The site menu folds behind one button on narrow screens (CSS hides it only when this script runs: html.js).
(function () {
  document.documentElement.classList.add('js');
  const button = document.querySelector('.nav-toggle');
  const menu = document.getElementById('site-menu');
  if (!button || !menu) { return; }
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    menu.classList.toggle('open', open);
  });
})();
