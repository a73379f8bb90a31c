'use strict';
(() => {
  const { getJson, post, el, clear, every, showError } = kon;
  let run = null;
  const shown = new Map();

  function expiry() {
    return '&expiry=' + encodeURIComponent(document.getElementById('anim-expiry').value);
  }

  async function start(path, body) {
    const error = clear(document.getElementById('anim-error'));
    try {
      const a = await post(path, body, 'text/plain');
      run = a.run;
      shown.clear();
      clear(document.getElementById('anim-videos'));
      const link = el('a', { href: '/run.html?id=' + encodeURIComponent(a.run) }, a.run);
      clear(document.getElementById('anim-run')).append('run ', link, ' · ' + a.jobs + ' jobs');
    } catch (e) {
      showError(error, e);
    }
  }

  document.getElementById('anim-sample').addEventListener('click', () => start('/api/animoto/sample?jobs='
      + encodeURIComponent(document.getElementById('anim-jobs').value) + '&images='
      + encodeURIComponent(document.getElementById('anim-images').value) + expiry()));

  document.getElementById('anim-upload').addEventListener('click', () => {
    const file = document.getElementById('anim-file').files[0];
    if (!file) {
      showError(clear(document.getElementById('anim-error')), new Error('choose a job file first'));
      return;
    }
    start('/api/animoto?name=' + encodeURIComponent(file.name) + expiry(), file);
  });

  function card(v) {
    const box = el('section', { 'data-job': v.job });
    box.appendChild(el('h2', {}, v.job));
    box.appendChild(el('p', { class: 'state' }, v.state));
    return box;
  }

  every(1000, async () => {
    if (!run) return;
    const a = await getJson('/api/animoto/' + encodeURIComponent(run));
    const list = document.getElementById('anim-videos');
    a.videos.forEach(v => {
      let box = shown.get(v.job);
      if (!box) {
        box = card(v);
        shown.set(v.job, box);
        list.appendChild(box);
      }
      if (box.dataset.state === v.state) return;
      box.dataset.state = v.state;
      box.querySelector('.state').textContent = v.state;
      if (v.state === 'done') {
        box.appendChild(el('video', { controls: '', preload: 'metadata', src: v.url }));
        const expires = v.expiresAt ? 'URL valid until ' + new Date(v.expiresAt).toLocaleString() : 'URL expiry unknown';
        box.appendChild(el('p', { class: 'expiry muted' }, expires));
        if (v.note) box.appendChild(el('p', { class: 'muted' }, v.note));
      } else if (v.state === 'failed') {
        box.appendChild(el('p', { class: 'error' }, v.error));
      }
    });
  });
})();
