// Runs a lesson live from /lessons/{name}/events: one table row per line it prints, and a timeline with one bar
// per task from its first line to its last, redrawn as lines arrive.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const lines = document.getElementById('lines');
  const status = document.getElementById('lesson-status');
  const total = document.getElementById('total');
  const again = document.getElementById('again');
  const timeline = document.getElementById('timeline');
  const tasks = document.getElementById('tasks');
  const ticks = document.getElementById('ticks');

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    return element;
  }

  function rect(className, x, width) {
    const shape = document.createElementNS(SVG, 'rect');
    shape.setAttribute('class', className);
    shape.setAttribute('x', x);
    shape.setAttribute('y', 0);
    shape.setAttribute('width', width);
    shape.setAttribute('height', 10);
    return shape;
  }

  // The scale runs to the next whole step past the latest line, and widens as the lesson goes on.
  function drawTimeline(printed) {
    const byTask = new Map();
    printed.forEach(function (line) {
      const task = byTask.get(line.task) || { thread: line.thread, times: [] };
      task.times.push(line.elapsedMillis);
      byTask.set(line.task, task);
    });
    const latest = Math.max.apply(null, printed.map(function (line) { return line.elapsedMillis; }));
    const step = latest > 3000 ? 1000 : 500;
    const end = Math.max(step, Math.ceil(latest / step) * step);
    const threads = Array.from(new Set(printed.map(function (line) { return line.thread; })));
    tasks.replaceChildren();
    // Tasks grouped by thread (the blocking lesson's two pairs apart), each group in the order its tasks began.
    const rows = Array.from(byTask.entries()).sort(function (a, b) {
      return threads.indexOf(a[1].thread) - threads.indexOf(b[1].thread);
    });
    rows.forEach(function ([name, task]) {
      const first = task.times[0];
      const last = task.times[task.times.length - 1];
      const bar = document.createElementNS(SVG, 'svg');
      bar.setAttribute('viewBox', '0 0 1000 10');
      bar.setAttribute('preserveAspectRatio', 'none');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(rect('wait', first / end * 1000, Math.max((last - first) / end * 1000, 1)));
      task.times.forEach(function (time) { bar.appendChild(rect('mark', Math.min(time / end * 1000, 996), 4)); });
      const row = document.createElement('li');
      row.className = 'thread-' + threads.indexOf(task.thread) % 2;
      const label = span('task', name);
      label.append(span('thread', task.thread),
        span('visually-hidden', ': ' + first + ' to ' + last + ' ms'));
      row.append(label, bar);
      tasks.appendChild(row);
    });
    ticks.replaceChildren();
    for (let time = 0; time <= end; time += step) {
      const tick = span('tick', time === end ? time + ' ms' : String(time));
      tick.style.left = (time / end * 100) + '%'; // a style property, not an attribute: the CSP allows it
      ticks.appendChild(tick);
    }
    timeline.hidden = false;
  }

  // A run started from the button hands focus to the status line while it runs, and back to the button after.
  function run(fromButton) {
    const printed = [];
    lines.replaceChildren();
    timeline.hidden = true;
    total.textContent = '';
    again.hidden = true;
    status.textContent = 'Running on loopinfo\u2019s event loop\u2026';
    if (fromButton) {
      status.focus();
    }
    const events = new EventSource(lines.dataset.events);
    events.addEventListener('line', function (event) {
      const line = JSON.parse(event.data);
      printed.push(line);
      const row = document.createElement('tr');
      row.append(cell(line.elapsedMillis), cell(line.task), cell(line.text), cell(line.thread));
      lines.appendChild(row);
      drawTimeline(printed);
    });
    events.addEventListener('done', function (event) {
      events.close();
      const run = JSON.parse(event.data);
      status.textContent = 'Finished.';
      total.textContent = 'Total: ' + run.totalMillis + ' ms on ' + run.threads.length + ' thread'
        + (run.threads.length === 1 ? '' : 's') + ' (' + run.threads.join(', ') + ').';
      again.hidden = false;
      if (fromButton) {
        again.focus();
      }
    });
    events.addEventListener('error', function () {
      if (events.readyState === EventSource.CLOSED) {
        status.textContent = 'The lesson could not run.';
      }
    });
  }

  again.addEventListener('click', function () {
    run(true);
  });
  run(false);
})();
