'use strict';
(() => {
  const { post, clear, showError } = kon;
  const button = document.getElementById('pic-send');
  button.addEventListener('click', async () => {
    const file = document.getElementById('pic-file').files[0];
    const wait = document.getElementById('pic-wait');
    const error = clear(document.getElementById('pic-error'));
    if (!file) {
      showError(error, new Error('choose a JPEG or PNG file first'));
      return;
    }
    button.disabled = true;
    wait.textContent = 'uploading and waiting for a worker...';
    try {
      const factor = document.getElementById('pic-factor').value;
      const a = await post('/api/pic?name=' + encodeURIComponent(file.name) + '&factor=' + encodeURIComponent(factor),
          file, 'application/octet-stream');
      const before = document.getElementById('pic-before');
      const after = document.getElementById('pic-after');
      before.src = a.before;
      after.src = a.after;
      before.hidden = false;
      after.hidden = false;
      const download = document.getElementById('pic-download');
      download.href = a.download;
      download.hidden = false;
      document.getElementById('pic-info').textContent = a.width + 'x' + a.height + ' ' + a.format + ', contrast x'
          + a.factor + ', stored as ' + a.key;
      wait.textContent = '';
    } catch (e) {
      wait.textContent = '';
      showError(error, e);
    } finally {
      button.disabled = false;
    }
  });
})();
