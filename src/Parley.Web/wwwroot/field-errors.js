// Accessible field errors on every server-rendered form: each message is tied to its input (aria-describedby, aria-invalid), and
// focus moves to the first field in error, or to the form's own message, so a keyboard or screen-reader user lands on what to fix.
(function () {
  const errors = [...document.querySelectorAll('.field-error')];
  if (errors.length === 0) { return; }
  let first = null;
  errors.forEach((error, n) => {
    if (!error.id) { error.id = 'field-error-' + n; }
    const field = error.closest('.field');
    const input = field && field.querySelector('input:not([type=hidden]), select, textarea');
    if (input) {
      const described = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      if (!described.includes(error.id)) { described.push(error.id); }
      input.setAttribute('aria-describedby', described.join(' '));
      input.setAttribute('aria-invalid', 'true');
      first = first || input;
    } else {
      error.setAttribute('tabindex', '-1');
      first = first || error;
    }
  });
  if (first && document.activeElement === document.body) { first.focus(); }
})();
