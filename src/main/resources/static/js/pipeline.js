// Keeps /pipeline live from the Server-Sent Events of /pipeline/events.
(function () {
  'use strict';
  const counters = ['state', 'produced', 'acknowledged', 'failed', 'dropped', 'deferred', 'inFlight', 'buffered'];
  const transcript = document.getElementById('transcript');
  const keep = Number(transcript.dataset.keep) || 200;
  const events = new EventSource('/pipeline/events');

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
    const line = document.createElement('li');
    line.textContent = event.data;
    transcript.appendChild(line);
    while (transcript.children.length > keep) {
      transcript.removeChild(transcript.firstElementChild);
    }
  });
})();
