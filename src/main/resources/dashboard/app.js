// StageSync jobs dashboard: plain JS over the REST API. The API token is asked once per browser tab and kept
// in sessionStorage; every call sends it as a bearer token. Live logs are read from the Server-Sent Events
// endpoint with fetch (EventSource cannot send an Authorization header).
(function () {
  'use strict';
  const TOKEN_KEY = 'stagesync.api.token';
  const $ = (id) => document.getElementById(id);
  let currentRun = null;
  let logAbort = null;
  let pollTimer = null;
  let historyFilter = null;
  let historyTimer = null;
  let logEnded = false;

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  async function api(method, path, body) {
    const response = await fetch('/api' + path, {
      method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + token() }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) { signOut('The token was refused: ' + (data.error || 'unauthorized')); }
    if (!response.ok) { throw new Error(data.error || ('HTTP ' + response.status)); }
    return data;
  }

  function say(text, isError) {
    $('message').textContent = text || '';
    $('message').className = isError ? 'error' : '';
    delete $('message').dataset.run;
  }

  // The status line of a run started here says where that run is, until something else is said.
  function followRunInMessage(run) {
    say('Run ' + run.id.slice(0, 8) + ' of ' + run.job + ': ' + run.status);
    $('message').dataset.run = run.id;
  }

  function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(reason);
  }

  function showLogin(reason) {
    $('app').hidden = true;
    $('sign-out').hidden = true;
    $('login').hidden = false;
    if (reason) { $('login').querySelector('p').textContent = reason; }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k.startsWith('on')) { node.addEventListener(k.slice(2), v); } else if (k === 'style') { Object.assign(node.style, v); } else if (v !== undefined && v !== null) { node.setAttribute(k, v); }
    });
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  function elapsed(ms) {
    const s = Math.round((ms || 0) / 1000);
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  }

  function time(iso) { return iso ? new Date(iso).toLocaleString() : '–'; }

  async function loadStages() {
    const stages = await api('GET', '/stages');
    ['job-base', 'job-target'].forEach((id) => {
      const select = $(id);
      select.replaceChildren(...stages.map((s) => el('option', { value: s.name },
        s.name + (s.protected ? ' (protected)' : '') + (s.parent ? ' ← ' + s.parent : ''))));
    });
    const child = stages.find((s) => s.parent);
    if (child) { $('job-base').value = child.parent; $('job-target').value = child.name; }
  }

  async function loadJobs() {
    const jobs = await api('GET', '/jobs');
    renderRecurring(jobs.filter((job) => job.schedule));
    $('jobs').tBodies[0].replaceChildren(...jobs.map((job) => el('tr', { 'data-job': job.name },
      el('td', {}, job.name + (job.type && job.type !== 'sync' ? ' (' + job.type + ')' : '')), el('td', {}, job.type === 'backup' ? job.target + ' → profile ' + job.options.profile
        : job.base + ' → ' + job.target + (job.options && job.options.mirror ? ' (mirror)' : '')), el('td', {}, job.schedule || 'on demand'),
      el('td', {}, job.source),
      el('td', {},
        el('button', { class: 'run-now', 'data-job': job.name, onclick: () => runNow(job.name) }, 'Run now'), ' ',
        el('button', { class: 'secondary', onclick: () => loadRuns(job.name) }, 'History'), ' ',
        job.source === 'properties' ? '' : el('button', { class: 'secondary delete', onclick: () => deleteJob(job.name) }, 'Delete')))));
  }

  // Recurring jobs: next fire time, last run, pause and resume (stored: a paused job stays paused after a restart
  // and on another instance).
  function renderRecurring(jobs) {
    $('recurring').tBodies[0].replaceChildren(...jobs.map((job) => el('tr', { 'data-job': job.name, 'data-paused': String(job.paused) },
      el('td', {}, job.name), el('td', {}, job.base + ' → ' + job.target), el('td', {}, job.schedule),
      el('td', { class: 'next-fire' }, job.paused ? '–' : time(job.nextFireAt)),
      el('td', { class: 'last-run' }, job.lastRun ? el('button', { class: 'link-run secondary', onclick: () => showRun(job.lastRun.id) },
        job.lastRun.id.slice(0, 8) + ' ' + job.lastRun.status) : '–'),
      el('td', {}, el('span', { class: 'status ' + (job.paused ? 'PAUSED' : 'ACTIVE') }, job.paused ? 'paused' : 'active')),
      el('td', {}, job.paused
        ? el('button', { class: 'resume-job', 'data-job': job.name, onclick: () => setPaused(job.name, false) }, 'Resume')
        : el('button', { class: 'pause-job secondary', 'data-job': job.name, onclick: () => setPaused(job.name, true) }, 'Pause')))));
  }

  async function setPaused(name, paused) {
    try {
      await api('POST', '/jobs/' + encodeURIComponent(name) + (paused ? '/pause' : '/resume'));
      say('Job ' + name + (paused ? ' paused' : ' resumed'));
      await loadJobs();
    } catch (e) { say(e.message, true); }
  }

  async function loadCluster() {
    const cluster = await api('GET', '/cluster');
    $('leader-info').textContent = '(this instance ' + cluster.instance + (cluster.leader ? ' is the leader' : ' is a follower; the leader runs the jobs') + ')';
  }

  async function loadRuns(job) {
    historyFilter = job || null;
    const runs = await api('GET', '/runs' + (job ? '?job=' + encodeURIComponent(job) : ''));
    $('history-filter').textContent = job ? '(job ' + job + ')' : '';
    $('runs').tBodies[0].replaceChildren(...runs.map((run) => el('tr', { 'data-run': run.id },
      el('td', {}, run.id.slice(0, 8)), el('td', {}, run.job), el('td', {}, el('span', { class: 'status ' + run.status }, run.status)),
      el('td', {}, run.createdBy), el('td', {}, time(run.startedAt)), el('td', {}, elapsed(run.elapsedMs)),
      el('td', {}, run.logCount + ' / ' + run.errorCount + ' / ' + run.warningCount),
      el('td', {}, el('button', { class: 'secondary details', 'data-run': run.id, onclick: () => showRun(run.id) }, 'Details')))));
  }

  async function runNow(name) {
    try {
      const run = await api('POST', '/jobs/' + encodeURIComponent(name) + '/runs', { createdBy: 'dashboard' });
      followRunInMessage(run);
      await loadRuns();
      await showRun(run.id);
      $('run-details').scrollIntoView({ behavior: 'smooth', block: 'start' });
    } catch (e) { say(e.message, true); }
  }

  async function deleteJob(name) {
    try { await api('DELETE', '/jobs/' + encodeURIComponent(name)); say('Job ' + name + ' deleted'); loadJobs(); } catch (e) { say(e.message, true); }
  }

  function renderRun(run) {
    $('run-details').hidden = false;
    $('run-details').dataset.run = run.id;
    $('run-id').textContent = run.id;
    $('run-status').textContent = run.status;
    $('run-status').className = 'status ' + run.status;
    $('run-job').textContent = run.job + ' (' + (run.options && run.options.type === 'backup' ? run.target + ' → profile '
      + run.options.profile : run.base + ' → ' + run.target) + ')';
    $('run-created-by').textContent = run.createdBy;
    $('run-started').textContent = time(run.startedAt);
    $('run-finished').textContent = time(run.finishedAt);
    $('run-elapsed').textContent = elapsed(run.elapsedMs);
    $('run-log-count').textContent = run.logCount;
    $('run-error-count').textContent = run.errorCount;
    $('run-warning-count').textContent = run.warningCount;
    $('run-message').textContent = run.message || '';
    $('run-cancel').hidden = !(run.status === 'RUNNING' || run.status === 'QUEUED');
    $('run-resume').hidden = run.status !== 'INTERRUPTED';
    $('run-ran-by').textContent = run.ranBy || '–';
    if ($('message').dataset.run === run.id) {
      $('message').textContent = 'Run ' + run.id.slice(0, 8) + ' of ' + run.job + ': ' + run.status;
    }
    renderTasks(run);
    renderReport(run.report);
  }

  // Each task is a <details>: its summary shows the progress, opening it shows the task's own log lines (live).
  // The nodes are kept while the run is polled, so an open task stays open and keeps its lines.
  function renderTasks(run) {
    const box = $('tasks');
    if (box.dataset.run !== run.id) {
      box.dataset.run = run.id;
      box.replaceChildren(...run.tasks.map((t) => el('details', { class: 'task', 'data-task': t.name },
        el('summary', {}, el('span', { class: 'name' }, t.name),
          el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 }, el('span', {})),
          el('span', { class: 'percent' }), el('span', { class: 'status' })),
        el('ol', { class: 'task-logs', 'data-task': t.name }))));
    }
    run.tasks.forEach((t) => {
      const node = box.querySelector('.task[data-task="' + t.name + '"]');
      if (!node) { return; }
      node.dataset.status = t.status;
      node.dataset.progress = t.progress;
      node.querySelector('.bar').setAttribute('aria-valuenow', t.progress);
      node.querySelector('.bar > span').style.width = t.progress + '%';
      node.querySelector('.percent').textContent = t.progress + '%';
      const status = node.querySelector('.status');
      status.textContent = t.status;
      status.className = 'status ' + t.status;
    });
  }

  function renderReport(report) {
    $('run-report').hidden = !report;
    if (!report) { return; }
    const deletions = report.deletions;
    $('report-deletions').hidden = !deletions;
    $('report-deletions').textContent = deletions ? 'Mirror: ' + deletions.count + (deletions.deleted ? ' deleted' : ' to delete, not deleted ('
      + deletions.reason + ')') + (deletions.backup ? '; backup ' + deletions.backup : '') : '';
    if (report.snapshot && report.entries) {
      // a backup's report: entries per model in the snapshot, and what was uploaded
      $('report-models').tBodies[0].replaceChildren(...Object.entries(report.entries).map(([name, n]) => el('tr', { 'data-model': name },
        el('td', {}, name), el('td', {}, n), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'))));
      $('report-assets').textContent = 'Snapshot ' + report.profile + '/' + report.snapshot + ': ' + report.assets + ' assets; '
        + report.uploadedObjects + ' objects (' + bytes(report.uploadedBytes) + ') uploaded, ' + report.chunksReused + ' chunks and '
        + report.filesReused + ' files unchanged since the last snapshot';
    } else {
      renderSyncReport(report);
    }
    const failed = report.failed || [];
    $('report-failed-count').textContent = '(' + failed.length + ')';
    $('report-failed').tBodies[0].replaceChildren(...failed.map((f) => el('tr', {},
      el('td', {}, f.model), el('td', {}, f.sourceId), el('td', {}, f.reason))));
  }

  function renderSyncReport(report) {
    const models = Object.entries(report.models || {});
    $('report-models').tBodies[0].replaceChildren(...models.map(([name, c]) => el('tr', { 'data-model': name },
      el('td', {}, name), el('td', {}, c.read), el('td', {}, c.created), el('td', {}, c.updated), el('td', {}, c.unchanged),
      el('td', {}, c.failed), el('td', {}, c.published))));
    const assets = report.assets;
    $('report-assets').textContent = assets ? 'Assets: ' + assets.read + ' read, ' + assets.created + ' created, ' + assets.updated
      + ' updated, ' + (assets.reuploaded || 0) + ' re-uploaded, ' + assets.unchanged + ' unchanged, ' + assets.failed + ' failed; '
      + bytes(assets.bytes) + ' moved' : 'Assets: not synced in this run';
  }

  function bytes(n) {
    const value = Number(n || 0);
    if (value < 1024) { return value + ' B'; }
    if (value < 1024 * 1024) { return (value / 1024).toFixed(1) + ' KiB'; }
    return (value / 1024 / 1024).toFixed(1) + ' MiB';
  }

  async function showRun(id) {
    currentRun = id;
    clearTimeout(pollTimer);
    $('logs').replaceChildren();
    delete $('tasks').dataset.run;
    const run = await api('GET', '/runs/' + id);
    renderRun(run);
    followLogs(id);
    poll(id);
  }

  async function poll(id) {
    if (currentRun !== id) { return; }
    try {
      const run = await api('GET', '/runs/' + id);
      renderRun(run);
      if (run.status === 'RUNNING' || run.status === 'QUEUED') {
        // a run resumed after an interruption (by the next leader) gets its log stream again
        if (logEnded) { restartLogs(id); }
        pollTimer = setTimeout(() => poll(id), 700);
      } else if (run.status === 'INTERRUPTED') {
        // the leader may resume it (failover, auto-resume): keep looking
        pollTimer = setTimeout(() => poll(id), 3000);
        loadRuns();
      } else {
        loadRuns();
      }
    } catch (e) { say(e.message, true); }
  }

  function restartLogs(id) {
    $('logs').replaceChildren();
    $('tasks').querySelectorAll('.task-logs').forEach((own) => own.replaceChildren());
    followLogs(id);
  }

  async function followLogs(id) {
    logEnded = false;
    if (logAbort) { logAbort.abort(); }
    logAbort = new AbortController();
    try {
      const response = await fetch('/api/runs/' + id + '/logs', { headers: { 'Authorization': 'Bearer ' + token() }, signal: logAbort.signal });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) { logEnded = currentRun === id; break; }
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          handleEvent(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch (e) {
      if (e.name !== 'AbortError') { say('Log stream stopped: ' + e.message, true); }
    }
  }

  function handleEvent(block) {
    let event = 'message';
    let data = '';
    block.split('\n').forEach((line) => {
      if (line.startsWith('event:')) { event = line.slice(6).trim(); }
      if (line.startsWith('data:')) { data += line.slice(5).trim(); }
    });
    if (event === 'log') {
      const line = JSON.parse(data);
      const text = new Date(line.at).toLocaleTimeString() + ' ' + line.level + (line.task ? ' [' + line.task + ']' : '') + ' ' + line.message;
      $('logs').append(el('li', { class: line.level, 'data-seq': line.seq }, text));
      $('logs').scrollTop = $('logs').scrollHeight;
      const own = line.task ? $('tasks').querySelector('.task-logs[data-task="' + line.task + '"]') : null;
      if (own) {
        own.append(el('li', { class: line.level, 'data-seq': line.seq }, text));
        own.scrollTop = own.scrollHeight;
      }
    } else if (event === 'end' && currentRun) {
      poll(currentRun);
    }
  }

  async function start() {
    if (!token()) { showLogin(); return; }
    $('login').hidden = true;
    $('app').hidden = false;
    $('sign-out').hidden = false;
    try {
      await loadStages();
      await loadJobs();
      await loadRuns();
      await loadCluster();
    } catch (e) { say(e.message, true); }
    // scheduled and dropped-file runs appear without a reload
    clearInterval(historyTimer);
    historyTimer = setInterval(() => {
      if (token()) { loadRuns(historyFilter).catch(() => {}); loadJobs().catch(() => {}); loadCluster().catch(() => {}); }
    }, 5000);
  }

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('token-input').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('job-schedule').addEventListener('change', () => { $('cron-label').hidden = $('job-schedule').value !== 'cron'; });
  $('job-type').addEventListener('change', showTypeFields);

  // the fields each job type has: backup (stage, profile), restore (profile, snapshot, target, models), sync (mirror)
  function showTypeFields() {
    const type = $('job-type').value;
    const backups = type === 'backup' || type === 'restore';
    const migrate = type === 'migrate';
    // a migrate job works on its target alone: no base, but the model and optionally an entry, a version, a dry run
    $('migrate-fields').hidden = !migrate;
    $('job-model').required = migrate;
    $('base-label').hidden = backups || migrate;
    $('job-base').required = !(backups || migrate);
    $('target-caption').textContent = type === 'backup' ? 'Stage' : 'Target';
    $('profile-label').hidden = !backups;
    $('job-profile').required = backups;
    $('snapshot-label').hidden = type !== 'restore';
    $('models-label').hidden = type !== 'restore';
    $('mirror-label').hidden = type !== 'sync';
  }

  function jobFromForm() {
    const type = $('job-type').value;
    const job = { name: $('job-name').value.trim(), type: type, createdBy: 'dashboard' };
    if (type === 'backup') {
      job.stage = $('job-target').value;
      job.options = { profile: $('job-profile').value.trim() };
    } else if (type === 'restore') {
      job.target = $('job-target').value;
      job.options = { profile: $('job-profile').value.trim() };
      if ($('job-snapshot').value.trim()) { job.options.snapshot = $('job-snapshot').value.trim(); }
      if ($('job-models').value.trim()) { job.options.models = $('job-models').value.trim(); }
    } else if (type === 'migrate') {
      job.target = $('job-target').value;
      job.options = { model: $('job-model').value.trim() };
      if ($('job-entry-id').value.trim()) { job.options.id = $('job-entry-id').value.trim(); }
      if ($('job-to').value.trim()) { job.options.to = $('job-to').value.trim(); }
      if ($('job-dry-run').checked) { job.options.dryRun = true; }
    } else {
      job.base = $('job-base').value;
      job.target = $('job-target').value;
      if (type === 'sync' && $('job-mirror').checked) { job.options = { mirror: true }; }
    }
    return job;
  }
  $('job-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const choice = $('job-schedule').value;
    const job = jobFromForm();
    if (choice) { job.schedule = choice === 'cron' ? $('job-cron').value.trim() : choice; }
    try {
      await api('POST', '/jobs', job);
      say('Job ' + job.name + ' created');
      ['job-name', 'job-profile', 'job-snapshot', 'job-models'].forEach((id) => { $(id).value = ''; });
      loadJobs();
    } catch (err) { say(err.message, true); }
  });
  $('run-cancel').addEventListener('click', async () => {
    try { renderRun(await api('POST', '/runs/' + currentRun + '/cancel')); poll(currentRun); } catch (e) { say(e.message, true); }
  });
  $('run-resume').addEventListener('click', async () => {
    try { const run = await api('POST', '/runs/' + currentRun + '/resume'); renderRun(run); showRun(run.id); } catch (e) { say(e.message, true); }
  });
  start();
}());
