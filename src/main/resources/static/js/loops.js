// Keeps /loops live from the Server-Sent Events of /loops/events; draws as EventLoopsPage does.
(function () {
  'use strict';
  const list = document.getElementById('loops');
  const words = { blocked: 'Blocked now', recovered: 'Blocked in the last minute', healthy: 'Healthy', unknown: 'Not probed' };

  function millis(value) {
    if (value >= 1000) {
      return (value / 1000).toFixed(1) + ' s';
    }
    return value.toFixed(value < 1 ? 2 : value < 10 ? 1 : 0) + ' ms';
  }
  function count(value) {
    return value < 0 ? '–' : value.toLocaleString('en');
  }
  function state(loop, threshold, probing) {
    if (!probing) {
      return 'unknown';
    }
    if (loop.lagMillis > threshold) {
      return 'blocked';
    }
    return loop.worstMillis > threshold ? 'recovered' : 'healthy';
  }
  // The chart's size is the page's viewBox, so that it is written in one place (EventLoopsPage).
  function points(loop, threshold, chart) {
    const width = chart.viewBox.baseVal.width;
    const height = chart.viewBox.baseVal.height;
    const minute = loop.lastMinuteMillis;
    const top = Math.max(threshold, loop.worstMillis);
    return minute.map(function (value, second) {
      const x = minute.length === 1 ? 0 : second * width / (minute.length - 1);
      const y = height - 1 - Math.min(1, value / top) * (height - 2);
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' ');
  }

  window.loopinfoLive('/loops/events', { loops: function (event) {
    const snapshot = JSON.parse(event.data);
    for (const loop of snapshot.loops) {
      const card = list.querySelector('[data-loop="' + CSS.escape(loop.name) + '"]');
      if (!card) {
        continue;
      }
      const figure = function (name) {
        return card.querySelector('[data-figure="' + name + '"]');
      };
      const now = state(loop, snapshot.blockedThresholdMillis, snapshot.probing);
      figure('state').textContent = words[now];
      figure('state').className = 'state ' + now;
      figure('lag').textContent = millis(loop.lagMillis);
      figure('worst').textContent = millis(loop.worstMillis);
      figure('pendingTasks').textContent = count(loop.pendingTasks);
      figure('openConnections').textContent = count(loop.openConnections);
      const chart = card.querySelector('svg');
      chart.querySelector('polyline').setAttribute('points', points(loop, snapshot.blockedThresholdMillis, chart));
      chart.setAttribute('aria-label', 'Lag each second over the last minute; at worst ' + millis(loop.worstMillis)
          + ', the chart\u2019s top is ' + millis(Math.max(snapshot.blockedThresholdMillis, loop.worstMillis)));
    }
  } });
})();
