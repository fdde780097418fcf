// Keeps /pipeline live from the Server-Sent Events of /pipeline/events.
(function () {
  'use strict';
  const counters = ['state', 'produced', 'acknowledged', 'failed', 'dropped', 'deferred', 'inFlight', 'buffered'];
  const transcript = document.getElementById('transcript');
  const lines = document.getElementById('transcript-lines');
  const newest = document.getElementById('newest');
  const keep = Number(transcript.dataset.keep) || 200;
  const events = new EventSource('/pipeline/events');

  // The transcript follows the newest line unless the reader has scrolled up to read; then a button brings it back.
  function atNewest() {
    return transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 8;
  }
  function showNewest() {
    transcript.scrollTop = transcript.scrollHeight;
    newest.hidden = true;
  }
  showNewest();
  newest.addEventListener('click', function () {
    showNewest();
    transcript.focus();
  });
  transcript.addEventListener('scroll', function () {
    if (atNewest()) {
      newest.hidden = true;
    }
  });

  events.addEventListener('open', function () {
    document.getElementById('live').hidden = false;
  });
  events.addEventListener('error', function () {
    document.getElementById('live').hidden = true;
  });
  events.addEventListener('snapshot', function (event) {
    const snapshot = JSON.parse(event.data);
    for (const name of counters) {
      document.getElementById(name).textContent = snapshot[name];
    }
    const buffer = document.getElementById('buffer');
    buffer.max = snapshot.settings.bufferSize;
    buffer.value = snapshot.buffered;
  });
  events.addEventListener('line', function (event) {
    const following = atNewest();
    const line = document.createElement('li');
    line.textContent = event.data;
    lines.appendChild(line);
    while (lines.children.length > keep) {
      lines.removeChild(lines.firstElementChild);
    }
    if (following) {
      showNewest();
    } else {
      newest.hidden = false;
    }
  });
})();
