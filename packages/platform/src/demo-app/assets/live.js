// Keeps a page of the Bankbridge demo app up to date with what Bankbridge's events told the
// app's server: a payment's status as it moves (the payment page), and a consent that ended
// (the accounts pages). Asks the app every 2 seconds; the app itself never asks the bank for
// this, the events bring it.
(() => {
  const root = document.querySelector('[data-live-url]');
  if (!root) return;
  const url = root.dataset.liveUrl;
  const consentBox = document.getElementById('consent-live');
  const label = document.getElementById('payment-label');
  const text = document.getElementById('payment-text');
  const history = document.getElementById('payment-history');
  const booked = document.getElementById('payment-booked');
  const code = document.getElementById('payment-code');
  const showPayment = (payment) => {
    if (!label || !payment || payment.id !== root.dataset.paymentId) return false;
    root.dataset.stage = payment.stage;
    label.textContent = payment.label;
    label.className = `badge ${payment.stage}`;
    if (text) text.textContent = payment.text;
    if (code) code.textContent = payment.transactionStatus ?? '';
    if (booked) booked.hidden = payment.stage !== 'executed';
    if (history) {
      history.replaceChildren(
        ...payment.history.map((entry) => {
          const item = document.createElement('li');
          const time = document.createElement('time');
          time.dateTime = entry.at;
          time.textContent = entry.time;
          const iso = document.createElement('code');
          iso.className = 'muted';
          iso.textContent = entry.transactionStatus;
          item.append(time, ` ${entry.words} `, iso);
          return item;
        }),
      );
    }
    return payment.final;
  };
  const poll = async () => {
    let done = false;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        cache: 'no-store',
        credentials: 'same-origin',
      });
      const answer = await response.json();
      if (consentBox && answer.consent.state === 'ended') {
        consentBox.textContent = answer.consent.text;
        consentBox.hidden = false;
        done = !label;
      }
      if (showPayment(answer.payment)) done = true;
    } catch {
      // The app restarted or the network blinked: ask again.
    }
    if (!done) setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
})();
