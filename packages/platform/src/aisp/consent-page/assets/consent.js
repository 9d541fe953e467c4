// Bankbridge's hosted consent page: the two things that need a script. Both pages work
// without it (a "Show banks" button, a page that reloads itself).

// The country list shows its banks as soon as a country is picked.
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form.submit());
}

// Decoupled SCA: ask Bankbridge whether the bank has the user's answer, every two seconds,
// and go on as soon as it has.
const status = document.querySelector('[data-status-url]');
if (status) {
  const poll = async () => {
    try {
      const response = await fetch(status.dataset.statusUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const answer = await response.json();
      if (answer.location) {
        window.location.assign(answer.location);
        return;
      }
      if (answer.message) status.textContent = answer.message;
    } catch {
      // A network hiccup: the next poll tries again.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
}
