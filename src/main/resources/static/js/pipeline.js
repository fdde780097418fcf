// Keeps /pipeline live from the Server-Sent Events of /pipeline/events.
(function () {
  'use strict';
  const counters = ['state', 'produced', 'acknowledged', 'failed', 'dropped', 'deferred', 'inFlight', 'buffered'];
  const transcript = document.getElementById('transcript');
  const lines = document.getElementById('transcript-lines');
  const newest = document.getElementById('newest');
  const keep = Number(transcript.dataset.keep) || 200;

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

  // A line that says what the transcript cannot show: lines missed, or a new server's transcript starting.
  function mark(text) {
    const line = document.createElement('li');
    line.className = 'mark';
    line.textContent = text;
    append(line);
  }
  function append(line) {
    const following = atNewest();
    lines.appendChild(line);
    while (lines.children.length > keep) {
      lines.removeChild(lines.firstElementChild);
    }
    if (following) {
      showNewest();
    } else {
      newest.hidden = false;
    }
  }

  window.loopinfoLive('/pipeline/events', {
    snapshot: function (event) {
      const snapshot = JSON.parse(event.data);
      for (const name of counters) {
        document.getElementById(name).textContent = snapshot[name];
      }
      const buffer = document.getElementById('buffer');
      buffer.max = snapshot.settings.bufferSize;
      buffer.value = snapshot.buffered;
    },
    line: function (event) {
      const line = document.createElement('li');
      line.textContent = event.data;
      append(line);
    },
    gap: function (event) {
      mark('\u2014 ' + Number(event.data).toLocaleString('en') + ' line(s) missed while reconnecting \u2014');
    },
    restarted: function () {
      mark('\u2014 the server restarted: its transcript and counters start again \u2014');
    }
  });
})();
