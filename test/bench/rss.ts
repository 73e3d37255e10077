// Child process of render.ts: memory after rendering 1000 rollouts in an
// otherwise fresh process. Prints one JSON line.
import {generateObjects} from './fixtures.js';
import {MutableSource, mountApp} from './terminal.js';
import {gc, sleep} from './util.js';

delete process.env['CI']; // Ink writes no frames when it thinks it runs in CI
gc();
const rssStart = process.memoryUsage().rss;
const source = new MutableSource(generateObjects(1000));
gc();
const rssObjects = process.memoryUsage().rss;

const m = mountApp(source, 120, 40);
for (let i = 0; i < 1000 && m.frames().length === 0; i++) await sleep(10);
const firstFrameMs = (m.frames()[0]?.at ?? Number.NaN) - m.mountedAt;

// Two clock ticks: each re-derives all 1000 rollouts.
await sleep(Math.max(0, m.mountedAt + 1000 - performance.now()));
const cpu0 = process.cpuUsage();
await sleep(2000);
const cpu = process.cpuUsage(cpu0);
const framesAfterFirstSecond = m.frames(m.mountedAt + 1000).length;
gc();
const {rss: rssRendered, heapUsed: heapRendered} = process.memoryUsage();
m.unmount();

console.log(JSON.stringify({rssStart, rssObjects, rssRendered, heapRendered, firstFrameMs, cpuPerTickMs: (cpu.user + cpu.system) / 1000 / 2, framesAfterFirstSecond}));
process.exit(0);
