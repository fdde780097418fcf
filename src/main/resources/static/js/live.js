// Follows a page's event stream and says in words how live its figures are: "Live", "Reconnecting… figures from
// 14:02:11", "Live again: the server restarted at 14:02:15". What the page shows greys out while it is not heard
// from. The browser reconnects by itself; the server says how soon, and picks up where it can (Last-Event-ID).
window.loopinfoLive = function (url, listeners) {
  'use strict';
  const status = document.getElementById('connection');
  const shown = document.querySelectorAll('[data-live]');
  const events = new EventSource(url);
  let heard = null;
  let restartedAt = null;

  function time(moment) {
    return moment.toLocaleTimeString('en-GB', { hour12: false });
  }
  function say(text, stale) {
    status.textContent = text;
    status.className = 'connection ' + (stale ? 'stale' : 'current');
    for (const element of shown) {
      element.classList.toggle('stale', stale);
    }
  }

  status.hidden = false;
  say('Connecting…', true);
  events.addEventListener('open', function () {
    say(restartedAt ? 'Live again: the server restarted at ' + time(restartedAt) : 'Live', false);
  });
  events.addEventListener('error', function () {
    if (events.readyState === EventSource.CLOSED) {
      say('Disconnected: reload the page to follow it again' + (heard ? '; figures from ' + time(heard) : ''), true);
    } else {
      say('Reconnecting…' + (heard ? ' figures from ' + time(heard) : ''), true);
    }
  });
  events.addEventListener('restarted', function () {
    restartedAt = new Date();
    say('Live again: the server restarted at ' + time(restartedAt), false);
    if (listeners.restarted) {
      listeners.restarted();
    }
  });
  for (const name of Object.keys(listeners)) {
    if (name !== 'restarted') {
      events.addEventListener(name, function (event) {
        heard = new Date();
        listeners[name](event);
      });
    }
  }
};
