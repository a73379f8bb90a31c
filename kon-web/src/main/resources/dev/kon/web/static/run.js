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

  const retry = document.getElementById('run-retry');
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    try {
      const a = await post('/api/runs/' + encodeURIComponent(id) + '/retry');
      location.href = '/run.html?id=' + encodeURIComponent(a.run);
    } catch (e) {
      message.textContent = e.message;
      retry.disabled = false;
    }
  });

  // The failed tasks are read again only when the run's count of them changes.
  let failuresShown = -1;
  async function failures(count) {
    if (count === failuresShown) return;
    const f = await getJson('/api/runs/' + encodeURIComponent(id) + '/failures');
    failuresShown = count;
    document.getElementById('run-failures-count').textContent = f.failures.length < f.failed
        ? f.failed + ' failed, the first ' + f.failures.length + ' by line' : f.failed + ' failed';
    const body = clear(document.getElementById('run-failures-body'));
    f.failures.forEach(t => body.appendChild(el('tr', { 'data-line': t.line }, null,
        el('td', {}, t.line), el('td', {}, t.type),
        el('td', { class: 'wrap args' }, t.args + (t.argsCut ? ' (cut)' : '')),
        el('td', { class: 'wrap reason' }, t.reason), el('td', {}, t.attempts), el('td', {}, t.worker))));
    if (f.failures.length === 0) {
      body.appendChild(el('tr', {}, null, el('td', { colspan: 6, class: 'muted' }, 'no failed tasks')));
    }
    retry.disabled = f.failures.length === 0;
  }

  every(kon.POLL_MILLIS, async () => {
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
    if (r.retryOf) {
      details.appendChild(el('tr', {}, null, el('th', {}, 'retry of'), el('td', {}, null,
          el('a', { id: 'run-retry-of', href: '/run.html?id=' + encodeURIComponent(r.retryOf) }, r.retryOf))));
    }
    await failures(r.failed);
    const h = await getJson('/api/runs/' + encodeURIComponent(id) + '/history');
    chart(document.getElementById('run-chart'), h.map(p => p.at), [
      { name: 'done', color: '#3b82f6', values: h.map(p => p.done) },
      { name: 'failed', color: '#e0494a', values: h.map(p => p.failed) }]);
  });
})();
