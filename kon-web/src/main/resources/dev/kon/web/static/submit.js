'use strict';
(() => {
  const { post, clear, showError } = kon;
  const button = document.getElementById('submit-send');
  button.addEventListener('click', async () => {
    const file = document.getElementById('submit-file').files[0];
    const error = clear(document.getElementById('submit-error'));
    const wait = document.getElementById('submit-wait');
    if (!file) {
      showError(error, new Error('choose a workload file first'));
      return;
    }
    button.disabled = true;
    wait.textContent = 'uploading and checking...';
    try {
      const a = await post('/api/submit?name=' + encodeURIComponent(file.name), file, 'text/plain');
      location.href = '/run.html?id=' + encodeURIComponent(a.run);
    } catch (e) {
      wait.textContent = '';
      showError(error, e);
    } finally {
      button.disabled = false;
    }
  });
})();
