// The console's page: Preact components written with htm (tagged templates, so no build step),
// fed by the server's Server-Sent Events (/api/stream); the lag chart is uPlot.
import { h, render } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import uPlot from 'uplot';

const html = htm.bind(h);

/** How long an arrow stays lit after an event crossed it. */
const LIGHT_MS = 900;
/** Points kept on the lag chart: about a minute at the server's pace. */
const LAG_POINTS = 150;
const ORDERS_SHOWN = 12;

// ---------------------------------------------------------------- state

const initial = {
  connected: false,
  topology: null,
  controls: { launcher: false },
  orders: [],
  events: [],
  groups: [],
  rebalances: [],
  services: [],
  deadLetters: [],
  lagHistory: { times: [], byGroup: {} },
  lit: {},
  skus: ['KEYBOARD-01', 'CABLE-01', 'MOUSE-01', 'HEADSET-01', 'MONITOR-01', 'SOLD-OUT-01'],
};

function upsertOrder(orders, timeline) {
  const rest = orders.filter((order) => order.orderId !== timeline.orderId);
  return [timeline, ...rest].sort((a, b) => firstSeen(b) - firstSeen(a)).slice(0, 100);
}

const firstSeen = (timeline) => timeline.steps[0]?.event.seenAt ?? timeline.updatedAt;

function withLag(history, groups, at) {
  const times = [...history.times, at / 1000].slice(-LAG_POINTS);
  const byGroup = {};
  for (const group of groups) {
    const before = history.byGroup[group.group] ?? [];
    const padded = [
      ...Array(Math.max(0, history.times.length - before.length)).fill(null),
      ...before,
    ];
    byGroup[group.group] = [...padded, group.totalLag].slice(-LAG_POINTS);
  }
  return { times, byGroup };
}

function light(lit, keys) {
  const until = Date.now() + LIGHT_MS;
  const next = { ...lit };
  for (const key of keys) next[key] = until;
  return next;
}

function reducer(state, action) {
  switch (action.type) {
    case 'snapshot':
      return {
        ...state,
        ...action.state,
        orders: action.state.orders.slice(0, 100),
        lagHistory: withLag(state.lagHistory, action.state.groups, Date.now()),
      };
    case 'connected':
      return { ...state, connected: action.connected };
    case 'event': {
      const event = action.data;
      const skus = productSku(event);
      return {
        ...state,
        events: [...state.events.slice(-199), event],
        lit: event.producer
          ? light(state.lit, [`produce:${event.producer}:${event.topic}`])
          : state.lit,
        skus: skus && !state.skus.includes(skus) ? [...state.skus, skus] : state.skus,
      };
    }
    case 'order':
      return { ...state, orders: upsertOrder(state.orders, action.data) };
    case 'groups': {
      const { groups, rebalances, at } = action.data;
      const crossings = groups.flatMap((group) =>
        group.advanced.map((topic) => `consume:${group.group}:${topic}`),
      );
      return {
        ...state,
        groups,
        rebalances,
        lagHistory: withLag(state.lagHistory, groups, at),
        lit: crossings.length > 0 ? light(state.lit, crossings) : state.lit,
      };
    }
    case 'services':
      return { ...state, services: action.data };
    case 'deadLetter':
      return { ...state, deadLetters: [...state.deadLetters.slice(-199), action.data] };
    default:
      return state;
  }
}

function productSku(event) {
  return event.topic === 'products' && typeof event.key === 'string' ? event.key : null;
}

function useConsole() {
  const [state, dispatch] = useReducer(reducer, initial);
  useEffect(() => {
    let source;
    let closed = false;
    async function connect() {
      // The snapshot first, then the changes: an EventSource reconnects by itself, and each
      // reconnection ('hello') fetches the snapshot again so nothing in between is lost.
      source = new EventSource('/api/stream');
      source.addEventListener('hello', async () => {
        dispatch({ type: 'connected', connected: true });
        const response = await fetch('/api/state');
        if (response.ok && !closed) dispatch({ type: 'snapshot', state: await response.json() });
      });
      for (const type of ['event', 'order', 'groups', 'services', 'deadLetter']) {
        source.addEventListener(type, (message) =>
          dispatch({ type, data: JSON.parse(message.data) }),
        );
      }
      source.onerror = () => dispatch({ type: 'connected', connected: false });
    }
    void connect();
    return () => {
      closed = true;
      source?.close();
    };
  }, []);
  return state;
}

/** Re-renders while something is lit, so that arrows go dark again. */
function useClock(lit) {
  const [, tick] = useState(0);
  useEffect(() => {
    const next = Math.min(...Object.values(lit).filter((until) => until > Date.now()));
    if (!Number.isFinite(next)) return undefined;
    const timer = setTimeout(() => tick((n) => n + 1), Math.max(50, next - Date.now()));
    return () => clearTimeout(timer);
  });
}

// ---------------------------------------------------------------- helpers

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = answer.answer?.message ?? answer.message ?? `HTTP ${response.status}`;
    throw new Error(Array.isArray(detail) ? detail.join('; ') : String(detail));
  }
  return answer;
}

const shortId = (id) => (id ? id.slice(0, 8) : '—');
const position = (event) => `${event.topic}/${event.partition}@${event.offset}`;
const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });

function StatusBadge({ status, text }) {
  const symbol =
    { up: '●', ok: '●', down: '✖', stopped: '■', COMPLETED: '✔', CANCELLED: '✖', PENDING: '…' }[
      status
    ] ?? '•';
  return html`<span class="badge badge-${String(status).toLowerCase()}"
    >${symbol} ${text ?? status}</span
  >`;
}

// ---------------------------------------------------------------- topology

function Topology({ state }) {
  useClock(state.lit);
  const { topology, groups, services, lit } = state;
  if (!topology) return html`<p>Waiting for the console's first snapshot…</p>`;
  const now = Date.now();
  const isLit = (key) => (lit[key] ?? 0) > now;
  const width = 860;
  const rowHeight = 64;
  const rows = Math.max(topology.services.length, topology.topics.length, topology.consumes.length);
  const height = rows * rowHeight + 30;
  const y = (index) => 30 + index * rowHeight + 18;
  const producerX = 10;
  const topicX = 340;
  const groupX = 640;
  const boxWidth = 200;
  const topicIndex = (topic) => topology.topics.indexOf(topic);
  const health = (service) => services.find((s) => s.service === service);
  const membersOf = (group) => groups.find((g) => g.group === group)?.members.length ?? 0;

  const produceLines = topology.produces.map(({ service, topic }) => {
    const key = `produce:${service}:${topic}`;
    return html`<line
      class=${isLit(key) ? 'arrow lit' : 'arrow'}
      x1=${producerX + boxWidth}
      y1=${y(topology.services.indexOf(service))}
      x2=${topicX - 4}
      y2=${y(topicIndex(topic))}
      marker-end="url(#head)"
      ><title>${service} produces to ${topic}</title></line
    >`;
  });
  const consumeLines = topology.consumes.flatMap(({ group, topics }, row) =>
    topics
      .filter((topic) => topicIndex(topic) >= 0)
      .map((topic) => {
        const key = `consume:${group}:${topic}`;
        return html`<line
          class=${isLit(key) ? 'arrow consume lit' : 'arrow consume'}
          data-arrow=${key}
          x1=${topicX + 150}
          y1=${y(topicIndex(topic))}
          x2=${groupX - 4}
          y2=${y(row)}
          marker-end="url(#head)"
          ><title>consumer group ${group} reads ${topic}</title></line
        >`;
      }),
  );

  return html`
    <svg
      class="topology"
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-labelledby="topology-title topology-desc"
    >
      <title id="topology-title">Topology</title>
      <desc id="topology-desc">
        Services on the left produce to the topics in the middle; each consumer group on the right
        reads its topics. An arrow lights when an event crosses it.
      </desc>
      <defs>
        <marker
          id="head"
          markerUnits="userSpaceOnUse"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="10"
          markerHeight="10"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
        </marker>
      </defs>
      <text x=${producerX} y="16" class="column">producers</text>
      <text x=${topicX} y="16" class="column">topics (6 partitions each, + .dlt)</text>
      <text x=${groupX} y="16" class="column">consumer groups</text>
      ${produceLines} ${consumeLines}
      ${topology.services.map((service, i) => {
        const instances = health(service)?.instances ?? [];
        const up = instances.filter((instance) => instance.status === 'up').length;
        const status =
          instances.length === 0
            ? 'unknown'
            : up === instances.length
              ? 'up'
              : up === 0
                ? 'down'
                : 'degraded';
        return html`<g class="node service status-${status}" data-service=${service}>
          <rect x=${producerX} y=${y(i) - 22} width=${boxWidth} height="44" rx="6" />
          <text x=${producerX + 10} y=${y(i) - 4}>${service}</text>
          <text x=${producerX + 10} y=${y(i) + 14} class="small"
            >${status.toUpperCase()} · ${up}/${instances.length} up</text
          >
        </g>`;
      })}
      ${topology.topics.map(
        (topic, i) =>
          html`<g class="node topic">
            <rect x=${topicX} y=${y(i) - 16} width="150" height="32" rx="16" />
            <text x=${topicX + 14} y=${y(i) + 5}>${topic}</text>
          </g>`,
      )}
      ${topology.consumes.map(({ group }, i) => {
        const members = membersOf(group);
        return html`<g class="node group" data-group-node=${group}>
          <rect x=${groupX} y=${y(i) - 22} width=${boxWidth} height="44" rx="6" />
          <text x=${groupX + 10} y=${y(i) - 4}>group ${group}</text>
          <text x=${groupX + 10} y=${y(i) + 14} class="small"
            >${members} ${members === 1 ? 'instance' : 'instances'}</text
          >
        </g>`;
      })}
    </svg>
  `;
}

// ---------------------------------------------------------------- orders

// htm drops whitespace around a line break: sentences are built as strings.
const handledText = (mark) =>
  ` handled by ${mark.instance}, ${mark.afterMs} ms after it was produced`;

function Step({ step }) {
  const { event } = step;
  const t0 = event.producedAt;
  return html`<li class="step role-${step.role}" data-type=${event.type}>
    <details>
      <summary>
        <strong>${event.type}</strong>
        <span class="role">${step.role === 'compensation' ? 'compensation' : step.role}</span>
        at <code>${position(event)}</code> by ${event.producer ?? '?'} · ${clock(t0)}
      </summary>
      <h4>Headers</h4>
      <pre>${JSON.stringify(event.headers, null, 2)}</pre>
      <h4>Envelope</h4>
      <pre>${JSON.stringify(event.value, null, 2)}</pre>
    </details>
    ${
      step.consumers.length > 0 &&
      html`<ul class="handled">
        ${step.consumers.map((group) => {
          const mark = step.handled[group];
          return html`<li data-group=${group} data-handled=${mark ? 'true' : 'false'}>
            ${
              mark
                ? html`<span class="ok">✔ ${group}</span>${handledText(mark)}`
                : html`<span class="waiting">… ${group}</span>${' not handled yet'}`
            }
          </li>`;
        })}
      </ul>`
    }
  </li>`;
}

function Orders({ orders }) {
  if (orders.length === 0) {
    return html`<p>No order yet: place one with the form below, or with <code>curl</code>.</p>`;
  }
  return html`<ol class="orders">
    ${orders.slice(0, ORDERS_SHOWN).map(
      (order) =>
        html`<li class="order" data-order-id=${order.orderId} data-status=${order.status}>
          <h3>
            Order <code title=${order.orderId}>${shortId(order.orderId)}</code>
            <${StatusBadge} status=${order.status} />
            ${order.reason && html`<span class="reason">${order.reason}</span>`}
          </h3>
          <ol class="steps">
            ${order.steps.map((step) => html`<${Step} key=${step.event.id} step=${step} />`)}
          </ol>
        </li>`,
    )}
  </ol>`;
}

// ---------------------------------------------------------------- groups

function LagChart({ history, groups }) {
  const target = useRef(null);
  const plot = useRef(null);
  const names = groups.map((group) => group.group);
  const key = names.join(',');
  useEffect(() => {
    if (!target.current || names.length === 0) return undefined;
    const palette = ['#0b6bcb', '#b5179e', '#c25e00', '#2b8a3e', '#5f3dc4', '#555'];
    plot.current = new uPlot(
      {
        width: Math.min(860, target.current.clientWidth || 860),
        height: 220,
        title: 'Lag per consumer group (messages not yet committed)',
        scales: { y: { range: (_u, _min, max) => [0, Math.max(5, max)] } },
        series: [
          {},
          ...names.map((name, i) => ({
            label: name,
            stroke: palette[i % palette.length],
            width: 2,
          })),
        ],
      },
      [[], ...names.map(() => [])],
      target.current,
    );
    return () => plot.current?.destroy();
  }, [key]);
  useEffect(() => {
    plot.current?.setData([history.times, ...names.map((name) => history.byGroup[name] ?? [])]);
  });
  return html`<div ref=${target} class="chart" aria-hidden="true"></div>`;
}

function Groups({ groups, rebalances, history }) {
  return html`
    <${LagChart} history=${history} groups=${groups} />
    ${
      rebalances.length > 0 &&
      html`<p class="rebalances" aria-live="polite">
        Rebalances:
        ${rebalances
          .slice(-5)
          .map((r) => `${clock(r.at)} ${r.group} ${r.previousMembers}→${r.members} members`)
          .join(' · ')}
      </p>`
    }
    <div class="groups">
      ${groups.map(
        (group) =>
          html`<section
            class="group"
            data-group=${group.group}
            aria-labelledby=${`g-${group.group}`}
          >
            <h3 id=${`g-${group.group}`}>
              ${group.group}
              <span class="lag" data-lag=${group.totalLag}>lag ${group.totalLag}</span>
              <span class="small"
                >${group.state} ·
                <span data-members=${group.members.length}
                  >${group.members.length} members</span
                ></span
              >
            </h3>
            <ul class="members">
              ${group.members.map(
                (member) =>
                  html`<li data-member=${member.memberId}>
                    <strong>${member.clientId}</strong>
                    <span class="small">${member.memberId.slice(-8)}</span>:
                    ${
                      Object.entries(member.assignment)
                        .map(([topic, partitions]) => `${topic} [${partitions.join(', ')}]`)
                        .join('; ') || 'no partitions'
                    }
                  </li>`,
              )}
            </ul>
            <details>
              <summary>Partitions (committed / end / lag)</summary>
              <table>
                <thead>
                  <tr>
                    <th>topic</th>
                    <th>partition</th>
                    <th>committed</th>
                    <th>end</th>
                    <th>lag</th>
                    <th>owner</th>
                  </tr>
                </thead>
                <tbody>
                  ${group.partitions.map(
                    (p) =>
                      html`<tr class=${p.lag > 0 ? 'behind' : ''}>
                        <td>${p.topic}</td>
                        <td>${p.partition}</td>
                        <td>${p.committed ?? '—'}</td>
                        <td>${p.end}</td>
                        <td>${p.lag}</td>
                        <td>${p.owner ?? 'none'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </details>
          </section>`,
      )}
    </div>
  `;
}

// ---------------------------------------------------------------- dead letters

function DeadLetters({ letters, launcher }) {
  const [message, setMessage] = useState('');
  if (letters.length === 0) return html`<p>No dead letter: every event so far was handled.</p>`;
  async function replay(letter) {
    try {
      const result = await post('/api/dead-letters/replay', {
        topic: letter.topic,
        eventId: letter.eventId ?? undefined,
        group: letter.consumerGroup,
      });
      setMessage(
        `Replayed ${result.replayed ?? 0} dead letter(s) to ${letter.original.split('/')[0]}`,
      );
    } catch (error) {
      setMessage(`Replay failed: ${error.message}`);
    }
  }
  return html`
    <p role="status">${message}</p>
    <table class="dead-letters">
      <thead>
        <tr>
          <th>parked at</th>
          <th>from</th>
          <th>event</th>
          <th>group</th>
          <th>why</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${letters.map(
          (letter) =>
            html`<tr>
              <td><code>${letter.topic}/${letter.partition}@${letter.offset}</code></td>
              <td><code>${letter.original}</code></td>
              <td>
                ${letter.eventType ?? '(not an event)'} <code>${shortId(letter.eventId)}</code>
              </td>
              <td>${letter.consumerGroup}</td>
              <td>${letter.reason}: ${letter.error}</td>
              <td>
                <button type="button" disabled=${!launcher} onClick=${() => replay(letter)}>
                  Replay
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  `;
}

// ---------------------------------------------------------------- controls

function OrderForm({ skus }) {
  const [customer, setCustomer] = useState('alice');
  const [sku, setSku] = useState('KEYBOARD-01');
  const [quantity, setQuantity] = useState(1);
  const [result, setResult] = useState('');
  async function submit(e) {
    e.preventDefault();
    setResult('Placing…');
    try {
      const order = await post('/api/orders', {
        customer,
        items: [{ sku, quantity: Number(quantity) }],
      });
      setResult(`Placed order ${order.id} (${order.status})`);
    } catch (error) {
      setResult(`Not placed: ${error.message}`);
    }
  }
  return html`<form onSubmit=${submit} aria-labelledby="order-form-title">
    <h3 id="order-form-title">Place an order</h3>
    <label
      >Customer
      <input name="customer" value=${customer} onInput=${(e) => setCustomer(e.target.value)}
    /></label>
    <label
      >SKU
      <input name="sku" list="skus" value=${sku} onInput=${(e) => setSku(e.target.value)} />
      <datalist id="skus">${skus.map((s) => html`<option value=${s} />`)}</datalist>
    </label>
    <label
      >Quantity
      <input
        name="quantity"
        type="number"
        min="1"
        max="1000"
        value=${quantity}
        onInput=${(e) => setQuantity(e.target.value)}
    /></label>
    <button type="submit">Place order</button>
    <p role="status" data-testid="order-result">${result}</p>
    <p class="small">
      Payments declines totals above 1000.00 (try 6 × MONITOR-01); SOLD-OUT-01 has no stock.
    </p>
  </form>`;
}

function BurstForm({ launcher }) {
  const [rate, setRate] = useState(20);
  const [duration, setDuration] = useState(5);
  const [result, setResult] = useState('');
  async function submit(e) {
    e.preventDefault();
    try {
      await post('/api/load', { rate: Number(rate), duration: Number(duration) });
      setResult(
        `Sending ${rate} orders/s for ${duration} s (npm run load; its report is in the launcher's output)`,
      );
    } catch (error) {
      setResult(`Not started: ${error.message}`);
    }
  }
  return html`<form onSubmit=${submit} aria-labelledby="burst-title">
    <h3 id="burst-title">Burst</h3>
    <label
      >Orders per second
      <input
        type="number"
        min="1"
        max="500"
        value=${rate}
        onInput=${(e) => setRate(e.target.value)}
    /></label>
    <label
      >Seconds
      <input
        type="number"
        min="1"
        max="120"
        value=${duration}
        onInput=${(e) => setDuration(e.target.value)}
    /></label>
    <button type="submit" disabled=${!launcher}>Send burst</button>
    <p role="status">${result}</p>
  </form>`;
}

function ServiceControls({ services, launcher }) {
  const [replicas, setReplicas] = useState(1);
  const [result, setResult] = useState('');
  async function act(label, url, body) {
    setResult(`${label}…`);
    try {
      await post(url, body);
      setResult(`${label}: done`);
    } catch (error) {
      setResult(`${label} failed: ${error.message}`);
    }
  }
  return html`<section aria-labelledby="svc-title">
    <h3 id="svc-title">Services</h3>
    ${
      !launcher &&
      html`<p>
        These controls need the local launcher (<code>npm start</code>): this console runs without
        one.
      </p>`
    }
    <table>
      <thead>
        <tr>
          <th>service</th>
          <th>instances</th>
          <th>actions</th>
        </tr>
      </thead>
      <tbody>
        ${services.map(
          (service) =>
            html`<tr data-service-row=${service.service}>
              <th scope="row">${service.service}</th>
              <td>
                ${service.instances.map(
                  (instance) =>
                    html`<span
                      class="instance"
                      data-instance=${instance.label}
                      data-status=${instance.status}
                    >
                      ${instance.label}
                      <${StatusBadge}
                        status=${instance.status}
                        text=${instance.status.toUpperCase()}
                      />
                    </span>`,
                )}
              </td>
              <td>
                <button
                  type="button"
                  disabled=${!launcher}
                  onClick=${() => act(`Stop ${service.service}`, `/api/services/${service.service}/stop`)}
                >
                  Stop ${service.service}
                </button>
                <button
                  type="button"
                  disabled=${!launcher}
                  onClick=${() => act(`Start ${service.service}`, `/api/services/${service.service}/start`)}
                >
                  Start ${service.service}
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        void act(`Scale inventory to ${replicas}`, '/api/services/inventory/scale', {
          replicas: Number(replicas),
        });
      }}
    >
      <label
        >Inventory instances
        <input
          name="inventory-replicas"
          type="number"
          min="0"
          max="6"
          value=${replicas}
          onInput=${(e) => setReplicas(e.target.value)}
        />
      </label>
      <button type="submit" disabled=${!launcher}>Scale inventory</button>
    </form>
    <p role="status" data-testid="service-result">${result}</p>
  </section>`;
}

// ---------------------------------------------------------------- page

function App() {
  const state = useConsole();
  const launcher = state.controls.launcher;
  return html`
    <header>
      <h1>Fanout console</h1>
      <p class="connection" role="status">
        <${StatusBadge}
          status=${state.connected ? 'up' : 'down'}
          text=${state.connected ? 'live' : 'reconnecting'}
        />
      </p>
    </header>
    <p class="lede">
      This page is just another Kafka consumer: its own consumer group, <code>console</code>, reads
      every topic (dead letters included), and Kafka's admin API shows every group's members,
      partitions and lag. The four services were not changed to add it: each consumer group gets
      every event, at its own pace.
    </p>
    <main>
      <section aria-labelledby="topology-h">
        <h2 id="topology-h">Topology</h2>
        <${Topology} state=${state} />
      </section>
      <section aria-labelledby="controls-h" class="controls">
        <h2 id="controls-h">Controls</h2>
        <div class="control-row">
          <${OrderForm} skus=${state.skus} />
          <${BurstForm} launcher=${launcher} />
        </div>
        <${ServiceControls} services=${state.services} launcher=${launcher} />
      </section>
      <section aria-labelledby="orders-h">
        <h2 id="orders-h">Orders, event by event</h2>
        <${Orders} orders=${state.orders} />
      </section>
      <section aria-labelledby="groups-h">
        <h2 id="groups-h">Consumer groups</h2>
        <${Groups}
          groups=${state.groups}
          rebalances=${state.rebalances}
          history=${state.lagHistory}
        />
      </section>
      <section aria-labelledby="dlt-h">
        <h2 id="dlt-h">Dead letters</h2>
        <${DeadLetters} letters=${state.deadLetters} launcher=${launcher} />
      </section>
    </main>
  `;
}

render(html`<${App} />`, document.getElementById('app'));
