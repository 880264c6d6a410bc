// The Ferrum dashboard's page: live state over Server-Sent Events (/events), a backtest's output
// (/api/backtest or a local result.json). Read-only: nothing here sends anything but GETs.
// Every value goes into the page as text (textContent), never as markup.
import { createChart, LineSeries, AreaSeries, createSeriesMarkers } from 'lightweight-charts';

const FEED_STATES = ['none', 'connecting', 'connected', 'syncing', 'in sync', 'stale', 'gap', 'missing quote', 'disconnected'];
const CHART_OPTIONS = {
  layout: { background: { color: '#181e26' }, textColor: '#d8dee6' },
  grid: { vertLines: { color: '#262e39' }, horzLines: { color: '#262e39' } },
  timeScale: { timeVisible: true, secondsVisible: true },
  autoSize: true,
};

const $ = (id) => document.getElementById(id);

function text(id, value) {
  $(id).textContent = value;
}

function number(value, digits) {
  if (value === null) return 'n/a'; // a figure that means nothing here (result.json's null)
  if (typeof value !== 'number') return String(value);
  return digits === undefined ? String(value) : value.toFixed(digits);
}

// Replaces a table's body with one row per item: cells(item) gives [text, class?] pairs or texts.
function rows(tableId, items, cells, key) {
  const body = $(tableId).tBodies[0];
  const fresh = document.createElement('tbody');
  for (const item of items) {
    const tr = fresh.insertRow();
    if (key) tr.dataset.key = key(item);
    for (const cell of cells(item)) {
      const td = tr.insertCell();
      if (Array.isArray(cell)) {
        td.textContent = cell[0];
        if (cell[1]) td.className = cell[1];
      } else {
        td.textContent = cell;
      }
    }
  }
  body.replaceWith(fresh);
}

function lineData(points) {
  return points.map((p) => ({ time: p[0], value: p[1] }));
}

// ---------------------------------------------------------------- live

let pnlSeries;
let priceSeries;
let priceMarkers;
let lastState;

function startLive() {
  $('live').hidden = false;
  const pnlChart = createChart($('pnl-chart'), CHART_OPTIONS);
  pnlSeries = pnlChart.addSeries(AreaSeries, { lineColor: '#4fd18b', topColor: 'rgba(79,209,139,0.3)', bottomColor: 'rgba(79,209,139,0)' });
  const priceChart = createChart($('price-chart'), CHART_OPTIONS);
  priceSeries = priceChart.addSeries(LineSeries, { color: '#7fb2ff' });
  priceMarkers = createSeriesMarkers(priceSeries, []);
  $('price-symbol').addEventListener('change', () => lastState && renderPrice(lastState));

  const events = new EventSource('/events');
  events.addEventListener('state', (message) => {
    lastState = JSON.parse(message.data);
    render(lastState);
    const status = $('status');
    status.textContent = 'live';
    status.className = 'good';
  });
  events.addEventListener('error', () => {
    const status = $('status');
    status.textContent = 'disconnected (retrying)';
    status.className = 'bad';
  });
}

function render(state) {
  text('updated', new Date(state.read_at_ms).toISOString().substring(11, 19) + ' UTC');
  text('orders-sent', state.engine.orders_sent);
  text('fills-count', state.engine.fills);
  text('rejects-count', state.engine.order_rejects);
  text('open-orders-count', state.open_order_count);
  text('net-pnl', number(state.pnl.net, 6));
  text('log-position', state.log_position);
  $('log-problem').hidden = !state.log_problem;
  text('log-problem', state.log_problem || '');

  rows('positions', state.positions, (p) => [p.member, p.strategy_id, p.symbol, [p.quantity, 'quantity'],
    p.average_price, p.mark_price, [p.realized_pnl, 'realized'],
    [p.unrealized_pnl, 'unrealized'], [p.fees, 'fees'], [String(p.fills), 'fills']],
    (p) => p.member + '/' + p.strategy_id + '/' + p.symbol);
  rows('risk', state.risk, (r) => [r.scope, r.target_id, [r.state, r.state === 'active' ? 'good state' : 'bad state'],
    [r.reason, 'reason'], r.last_reject ? r.last_reject + ' (' + r.rejects + ')' : '', r.ts || ''],
    (r) => r.scope + '/' + r.target_id);
  rows('rejects', state.rejects_by_reason, (r) => [r.reason, r.count]);
  rows('feeds', state.feeds, (f) => [f.symbol, f.stream_id, [f.state, feedClass(f.state)], f.previous_state, [f.detail, 'detail'], f.ts]);
  rows('feed-states', state.feed_states, (f) => [f.member, f.symbol,
    [FEED_STATES[f.state] || String(f.state), f.state === 2 || f.state === 4 ? 'good' : f.state >= 5 ? 'bad' : 'warn']]);
  rows('orders', state.open_orders, (o) => [o.client_order_id, o.strategy_id, o.symbol, o.side, o.price, o.quantity,
    o.leaves_quantity, o.status]);
  rows('fills', state.fills, (f) => [f.ts.substring(11, 23), f.strategy_id === undefined ? '' : f.strategy_id, f.symbol,
    f.side, f.price, f.quantity, f.fee, f.liquidity]);
  rows('members', state.members, (m) => [m.member, m.role, m.commit_position, [m.lag_bytes, m.lag_bytes > 0 ? 'warn' : 'good']]);
  rows('latency', state.latency, (l) => [l.stage, l.count, number(l.p50_us, 1), number(l.p90_us, 1),
    number(l.p99_us, 1), number(l.p999_us, 1), number(l.max_us, 1)], (l) => l.stage);

  pnlSeries.setData(lineData(state.pnl_curve));
  $('pnl-chart').dataset.points = state.pnl_curve.length;
  symbolChoices(state);
  renderPrice(state);
}

function feedClass(state) {
  return state === 'in_sync' || state === 'connected' ? 'good' : state === 'syncing' || state === 'connecting' ? 'warn' : 'bad';
}

function symbolChoices(state) {
  const select = $('price-symbol');
  const traded = state.positions.map((p) => p.symbol);
  const symbols = [...new Set(traded.concat(Object.keys(state.prices)))].filter((s) => state.prices[s]);
  if (select.options.length === symbols.length) return;
  const chosen = select.value;
  select.replaceChildren(...symbols.map((s) => new Option(s, s)));
  if (symbols.includes(chosen)) select.value = chosen;
}

function renderPrice(state) {
  const symbol = $('price-symbol').value;
  const points = state.prices[symbol] || [];
  priceSeries.setData(lineData(points));
  const first = points.length ? points[0][0] : 0;
  const markers = state.fills.filter((f) => f.symbol === symbol)
    .map((f) => ({ time: Math.floor(Date.parse(f.ts) / 1000), position: f.side === 'buy' ? 'belowBar' : 'aboveBar',
      color: f.side === 'buy' ? '#4fd18b' : '#ff6b6b', shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown' }))
    .filter((m) => m.time >= first)
    .sort((a, b) => a.time - b.time);
  priceMarkers.setMarkers(markers);
  $('price-chart').dataset.points = points.length;
}

// ---------------------------------------------------------------- backtest

let equitySeries;
let equityMarkers;
let drawdownSeries;

function startBacktest() {
  $('backtest').hidden = false;
  equitySeries = createChart($('bt-equity'), CHART_OPTIONS).addSeries(LineSeries, { color: '#7fb2ff' });
  equityMarkers = createSeriesMarkers(equitySeries, []);
  drawdownSeries = createChart($('bt-drawdown'), CHART_OPTIONS)
    .addSeries(AreaSeries, { lineColor: '#ff6b6b', topColor: 'rgba(255,107,107,0)', bottomColor: 'rgba(255,107,107,0.4)', invertFilledArea: true });
  $('bt-file').addEventListener('change', () => {
    const file = $('bt-file').files[0];
    if (!file) return;
    file.text().then((body) => showBacktest({ source: file.name, result: JSON.parse(body), sweep: null }))
      .catch((error) => problem('not a backtest result.json: ' + error.message));
  });
  fetch('/api/backtest').then((response) => response.json().then((body) => {
    if (response.ok) showBacktest(body); else problem(body.error);
  }));
  const status = $('status');
  status.textContent = 'backtest';
  status.className = 'good';
}

function problem(message) {
  $('bt-problem').hidden = false;
  text('bt-problem', message);
}

function seconds(rfc3339) {
  return Math.floor(Date.parse(rfc3339) / 1000);
}

// Equity samples at one-second or coarser steps: the chart needs strictly increasing times.
function distinctSeconds(points) {
  const out = [];
  for (const p of points) {
    if (out.length && out[out.length - 1].time >= p.time) out[out.length - 1] = p; else out.push(p);
  }
  return out;
}

function showBacktest(view) {
  text('bt-source', view.source);
  $('bt-problem').hidden = true;
  const result = view.result;
  if (result) {
    const portfolio = result.portfolio;
    const equity = distinctSeconds(portfolio.equity.map((e) => ({ time: seconds(e.t), value: Number(e.equity) })));
    equitySeries.setData(equity);
    let peak = -Infinity;
    drawdownSeries.setData(equity.map((e) => {
      peak = Math.max(peak, e.value);
      return { time: e.time, value: peak > 0 ? -(peak - e.value) / peak * 100 : 0 };
    }));
    const trades = [];
    for (const strategy of result.strategies) {
      for (const trade of strategy.ledger.trades || []) {
        const profit = Number(trade.pnl);
        trades.push({ time: seconds(trade.t), position: 'inBar', shape: 'circle', size: 0.5,
          color: profit > 0 ? '#4fd18b' : '#ff6b6b' });
      }
    }
    trades.sort((a, b) => a.time - b.time);
    equityMarkers.setMarkers(trades);
    $('bt-equity').dataset.points = equity.length;
    $('bt-equity').dataset.trades = trades.length;
    $('bt-drawdown').dataset.points = equity.length;
    const stats = portfolio.statistics;
    rows('bt-stats', Object.keys(stats), (key) => [key.replaceAll('_', ' '), [number(stats[key]), key]], (key) => key);
    rows('bt-strategies', result.strategies, (s) => {
      const r = s.ledger.statistics;
      return [s.strategy_id, r.net_profit, number(r.total_return, 4), number(r.sharpe, 2), number(r.max_drawdown, 4),
        r.trades, number(r.win_rate, 3), number(r.fill_rate, 3)];
    });
  }
  $('bt-sweep-panel').hidden = !view.sweep;
  text('bt-sweep', view.sweep || '');
}

if (location.pathname === '/backtest') startBacktest(); else startLive();
