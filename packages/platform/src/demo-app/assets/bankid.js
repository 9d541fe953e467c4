// The BankID page of the Bankbridge demo app, for a consent or a payment: asks the app how the
// sign-in stands every second (the app's server polls Bankbridge), redraws BankID's animated QR
// code, which changes every second, from the answer, and moves on once it is approved or has
// failed.
(() => {
  const status = document.getElementById('sca-status');
  if (!status) return;
  const url = status.dataset.statusUrl;
  const qr = document.getElementById('qr-code');
  const show = (text, kind) => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };
  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        cache: 'no-store',
        credentials: 'same-origin',
      });
      const answer = await response.json();
      if (answer.state === 'valid') {
        show(answer.text || 'Approved. Fetching your accounts…', 'ok');
        window.location.assign(answer.next);
        return;
      }
      if (answer.state !== 'waiting') {
        show(answer.text, 'failed');
        if (answer.next) window.location.assign(answer.next);
        return;
      }
      if (qr && answer.qrImage && qr.getAttribute('src') !== answer.qrImage) {
        qr.setAttribute('src', answer.qrImage);
      }
    } catch {
      show('Lost contact with the app; trying again…', 'waiting');
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();
