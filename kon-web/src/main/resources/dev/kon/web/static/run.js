'use strict';
(() => {
  const { getJson, post, el, clear, bar, duration, chart, every, param } = kon;
  const id = param('id') || '';
  document.getElementById('run-id').textContent = id;
  const message = document.getElementById('run-message');

  document.getElementById('run-cancel').addEventListener('click', async () => {
    try {
      const a = await post('/api/runs/' + encodeURIComponent(id) + '/cancel');
      message.textContent = a.cancelled ? 'cancelled: workers stop its tasks within seconds' : 'nothing to cancel: the run is ' + a.state;
    } catch (e) {
      message.textContent = e.message;
    }
  });

  every(1000, async () => {
    let r;
    try {
      r = await getJson('/api/runs/' + encodeURIComponent(id));
    } catch (e) {
      if (e.status === 404) {
        document.getElementById('run-state').textContent = 'not registered yet (submitting?)';
        return;
      }
      throw e;
    }
    document.getElementById('run-state').textContent = r.state;
    const pct = r.tasks === 0 ? 100 : 100 * r.done / r.tasks;
    clear(document.getElementById('run-bar')).appendChild(bar(pct, r.failed > 0));
    document.getElementById('run-figures').textContent = r.done + ' of ' + r.tasks + ' done (' + pct.toFixed(1)
        + '%), ' + r.failed + ' failed, ' + (r.ratePerSecond || 0) + ' tasks/s, ETA ' + duration(r.etaSeconds);
    document.getElementById('run-cancel').disabled = !(r.state === 'running' || r.state === 'submitting');
    const details = clear(document.getElementById('run-details'));
    [['submitted', r.submittedAt + ' from ' + r.from], ['last change', r.lastActivity], ['workload', r.workload],
     ['queue', r.taskQueue], ['sent', r.sent + ' tasks in ' + r.bundles + ' bundles']]
        .forEach(([k, v]) => details.appendChild(el('tr', {}, null, el('th', {}, k), el('td', { class: 'wrap' }, v))));
    const h = await getJson('/api/runs/' + encodeURIComponent(id) + '/history');
    chart(document.getElementById('run-chart'), h.map(p => p.at), [
      { name: 'done', color: '#3b82f6', values: h.map(p => p.done) },
      { name: 'failed', color: '#e0494a', values: h.map(p => p.failed) }]);
  });
})();
