// Print buttons (the pages carry print styles: navigation and forms are hidden on paper).
document.querySelectorAll('[data-print]').forEach((button) => button.addEventListener('click', () => window.print()));
