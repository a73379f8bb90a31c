// Shared by every page. Everything from the server is put on the page as text (textContent), never as HTML.
'use strict';
const kon = (() => {
  // How often the live pages ask again: KonWeb.POLL_MILLIS, also in GET /api/session.
  const POLL_MILLIS = 750;
  let session = null;

  async function csrf() {
    if (!session) {
      session = await getJson('/api/session');
    }
    return session.csrf;
  }

  async function answer(r) {
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) {
      const err = new Error(body && body.error ? body.error : 'HTTP ' + r.status);
      err.errors = body && body.errors ? body.errors : [];
      err.status = r.status;
      throw err;
    }
    return body;
  }

  async function getJson(path) {
    return answer(await fetch(path, { credentials: 'same-origin' }));
  }

  async function post(path, body, type) {
    const headers = { 'X-Kon-Csrf': await csrf() };
    if (type) headers['Content-Type'] = type;
    return answer(await fetch(path, { method: 'POST', body: body, headers: headers, credentials: 'same-origin' }));
  }

  /** An element with attributes and text; children appended after. */
  function el(tag, attrs, text, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    children.forEach(c => e.appendChild(c));
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function bar(percent, failed) {
    const inner = el('div');
    // Through the style object: the security policy forbids style attributes.
    inner.style.width = Math.max(0, Math.min(100, percent)).toFixed(1) + '%';
    if (failed) inner.className = 'failed';
    return el('span', { class: 'bar', role: 'progressbar', 'aria-valuenow': percent.toFixed(1) }, null, inner);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '-';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    return Math.floor(s / 3600) + 'h' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + 'm';
  }

  /** A line chart of series [{name, color, values}] over times xs (ms), drawn as SVG. */
  function chart(svg, xs, series) {
    const NS = 'http://www.w3.org/2000/svg';
    clear(svg);
    const w = 600, h = 180, pad = 28;
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('preserveAspectRatio', 'none');
    if (xs.length === 0) return;
    const max = Math.max(1, ...series.flatMap(s => s.values));
    const x0 = xs[0], x1 = Math.max(xs[xs.length - 1], x0 + 1);
    const X = t => pad + (w - pad - 4) * (t - x0) / (x1 - x0);
    const Y = v => h - pad + 8 - (h - pad - 4) * v / max;
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', 2); label.setAttribute('y', 12); label.setAttribute('font-size', 11);
    label.textContent = String(max);
    svg.appendChild(label);
    for (const s of series) {
      const line = document.createElementNS(NS, 'polyline');
      line.setAttribute('fill', 'none');
      line.setAttribute('stroke', s.color);
      line.setAttribute('stroke-width', 2);
      line.setAttribute('vector-effect', 'non-scaling-stroke');
      line.setAttribute('points', xs.map((t, i) => X(t).toFixed(1) + ',' + Y(s.values[i]).toFixed(1)).join(' '));
      line.setAttribute('data-series', s.name);
      svg.appendChild(line);
    }
  }

  /** Calls fn now and then every interval; a failure shows in #status and polling goes on. */
  function every(ms, fn) {
    const status = document.getElementById('status');
    const tick = async () => {
      try {
        await fn();
        if (status) status.textContent = 'updated ' + new Date().toLocaleTimeString();
      } catch (e) {
        if (status) status.textContent = 'update failed: ' + e.message;
      }
      setTimeout(tick, ms);
    };
    tick();
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  function showError(node, e) {
    clear(node);
    node.appendChild(el('div', { class: 'error' }, e.message));
    if (e.errors && e.errors.length) {
      const list = el('ul', { id: node.id + '-list' });
      e.errors.forEach(line => list.appendChild(el('li', {}, line)));
      node.appendChild(list);
    }
  }

  return { POLL_MILLIS, getJson, post, el, clear, bar, duration, chart, every, param, showError };
})();
