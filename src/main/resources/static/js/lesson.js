// Runs a lesson live: one table row per line the lesson prints, from /lessons/{name}/events.
(function () {
  'use strict';
  const lines = document.getElementById('lines');
  const status = document.getElementById('lesson-status');
  const total = document.getElementById('total');
  const again = document.getElementById('again');

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function run() {
    lines.replaceChildren();
    total.textContent = '';
    again.hidden = true;
    status.textContent = 'Running on loopinfo\u2019s event loop\u2026';
    const events = new EventSource(lines.dataset.events);
    events.addEventListener('line', function (event) {
      const line = JSON.parse(event.data);
      const row = document.createElement('tr');
      row.append(cell(line.elapsedMillis), cell(line.text), cell(line.thread));
      lines.appendChild(row);
    });
    events.addEventListener('done', function (event) {
      events.close();
      const run = JSON.parse(event.data);
      status.textContent = 'Finished.';
      total.textContent = 'Total: ' + run.totalMillis + ' ms on ' + run.threads.length + ' thread'
        + (run.threads.length === 1 ? '' : 's') + ' (' + run.threads.join(', ') + ').';
      again.hidden = false;
    });
    events.addEventListener('error', function () {
      if (events.readyState === EventSource.CLOSED) {
        status.textContent = 'The lesson could not run.';
      }
    });
  }

  again.addEventListener('click', run);
  run();
})();
