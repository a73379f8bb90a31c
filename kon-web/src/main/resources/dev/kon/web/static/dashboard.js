'use strict';
(() => {
  const { getJson, el, clear, bar, duration, chart, every } = kon;

  function queues(q) {
    const body = clear(document.getElementById('queues'));
    q.queues.forEach(x => body.appendChild(el('tr', {}, null,
        el('td', {}, x.name), el('td', {}, x.kind), el('td', { class: 'visible' }, x.visible),
        el('td', { class: 'inflight' }, x.inFlight))));
    const h = q.history;
    chart(document.getElementById('queue-chart'), h.map(p => p.at), [
      { name: 'waiting', color: '#3b82f6', values: h.map(p => p.waiting) },
      { name: 'inFlight', color: '#f59e0b', values: h.map(p => p.inFlight) },
      { name: 'dead', color: '#e0494a', values: h.map(p => p.dead) },
      { name: 'replies', color: '#10b981', values: h.map(p => p.replies) }]);
  }

  function workers(ws) {
    document.getElementById('worker-count').textContent = ws.length + ' live';
    const body = clear(document.getElementById('workers'));
    ws.forEach(w => body.appendChild(el('tr', { 'data-worker': w.worker }, null,
        el('td', {}, w.worker), el('td', {}, w.status), el('td', {}, w.threads), el('td', {}, w.tasksDone),
        el('td', {}, w.tasksPerSecond), el('td', { class: 'wrap' }, w.runs.join(' ')),
        el('td', {}, new Date(w.lastSeen).toLocaleTimeString()))));
    if (ws.length === 0) body.appendChild(el('tr', {}, null, el('td', { colspan: 7, class: 'muted' }, 'no live workers')));
  }

  function runs(rs) {
    const body = clear(document.getElementById('runs'));
    rs.forEach(r => {
      const pct = r.tasks === 0 ? 100 : 100 * r.done / r.tasks;
      const link = el('a', { href: '/run.html?id=' + encodeURIComponent(r.run) }, r.run);
      body.appendChild(el('tr', { 'data-run': r.run }, null,
          el('td', {}, null, link), el('td', { class: 'state' }, r.state), el('td', {}, null, bar(pct, r.failed > 0)),
          el('td', { class: 'done' }, r.done + ' / ' + r.tasks), el('td', {}, r.failed),
          el('td', {}, r.ratePerSecond ? r.ratePerSecond + '/s' : '-'), el('td', {}, duration(r.etaSeconds)),
          el('td', { class: 'wrap' }, r.workload)));
    });
    if (rs.length === 0) body.appendChild(el('tr', {}, null, el('td', { colspan: 8, class: 'muted' }, 'no runs yet')));
  }

  every(kon.POLL_MILLIS, async () => {
    const [q, w, r] = await Promise.all([getJson('/api/queues'), getJson('/api/workers'), getJson('/api/runs')]);
    queues(q);
    workers(w);
    runs(r);
  });
})();
