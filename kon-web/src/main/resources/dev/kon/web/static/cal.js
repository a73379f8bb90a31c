'use strict';
(() => {
  const { post, el, clear, showError } = kon;
  const button = document.getElementById('cal-send');
  button.addEventListener('click', async () => {
    const wait = document.getElementById('cal-wait');
    const answer = clear(document.getElementById('cal-answer'));
    const error = clear(document.getElementById('cal-error'));
    button.disabled = true;
    wait.textContent = 'waiting for a worker...';
    try {
      const a = await post('/api/cal', document.getElementById('cal-numbers').value, 'text/plain; charset=utf-8');
      [['count', a.count], ['min', a.min], ['max', a.max], ['average', a.average], ['median', a.median]]
          .forEach(([k, v]) => answer.appendChild(el('tr', {}, null, el('th', {}, k), el('td', { id: 'cal-' + k }, v))));
      answer.appendChild(el('tr', {}, null, el('th', {}, 'log'),
          el('td', {}, null, el('a', { href: a.logLink, id: 'cal-log' }, a.log))));
      wait.textContent = '';
    } catch (e) {
      wait.textContent = '';
      showError(error, e);
    } finally {
      button.disabled = false;
    }
  });
})();
