// Bytes the live view writes to the terminal, at 120x40: idle (nothing or one
// age changing) and per visible change, plus the CPU those changes cost.
// Run alone with `npx tsx test/bench/screen-writes.ts` (same setup as run.ts).
import {generateObjects, withPodReady, withReady} from './fixtures.js';
import {MutableSource, mountApp} from './terminal.js';
import {formatTable, gc, sleep, type Table} from './util.js';

const COLUMNS = 120;
const ROWS = 40;
const DETAIL_KEY = 'team-2/app-0002';
const CHANGES = 8;

const bytesIn = (m: ReturnType<typeof mountApp>, from: number, to = Infinity) =>
	m.stdout.writes.filter(w => w.at >= from && w.at < to).reduce((sum, w) => sum + w.bytes, 0);


async function idle(label: string, youngFirst: boolean, detail: boolean): Promise<string[]> {
	const source = new MutableSource(generateObjects(100, Date.now(), {youngFirst}));
	gc();
	const m = mountApp(source, COLUMNS, ROWS, detail ? DETAIL_KEY : undefined);
	await sleep(1500);
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	await sleep(5000);
	const cpu = process.cpuUsage(cpu0);
	m.unmount();
	const first = bytesIn(m, 0, t0);
	return [label, String(first), (bytesIn(m, t0, t0 + 5000) / 5).toFixed(0), ((cpu.user + cpu.system) / 1000 / 5).toFixed(1)];
}

async function changes(view: 'list' | 'detail'): Promise<string[]> {
	const source = new MutableSource(generateObjects(100));
	gc();
	const m = mountApp(source, COLUMNS, ROWS, view === 'detail' ? DETAIL_KEY : undefined);
	await sleep(1500);
	const podName = source.objects.pods.find(p => p.metadata?.namespace === 'team-2' && p.metadata.name?.startsWith('app-0002-'))!.metadata!.name!;
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	for (let i = 0; i < CHANGES; i++) {
		source.update(view === 'list' ? withReady(source.objects, i * 4, i % 2) : withPodReady(source.objects, podName, i % 2 === 1));
		await sleep(250);
	}
	const cpu = process.cpuUsage(cpu0);
	const end = performance.now();
	m.unmount();
	const writes = m.stdout.writes.filter(w => w.at >= t0 && w.at < end).length;
	return [view === 'list' ? 'list (100 rollouts), READY of one row' : `detail ${DETAIL_KEY}, one pod ready/not ready`, String(writes), (bytesIn(m, t0, end) / CHANGES).toFixed(0), ((cpu.user + cpu.system) / 1000).toFixed(0)];
}

export async function benchScreenWrites(): Promise<Table[]> {
	await idle('warm-up', false, false);
	return [
		{
			title: `Screen writes at ${COLUMNS}x${ROWS}: idle 5 s after the first frame`,
			head: ['screen', 'first frame bytes', 'idle bytes/s', 'CPU ms per idle s'],
			rows: [await idle('list, all ages >= 20 h', false, false), await idle('list, row 1 is 30 s old', true, false), await idle(`detail ${DETAIL_KEY}`, false, true)],
		},
		{
			title: `Screen writes at ${COLUMNS}x${ROWS}: ${CHANGES} visible changes 250 ms apart`,
			head: ['change', 'writes', 'bytes per change', `CPU ms for ${CHANGES} changes (2 s)`],
			rows: [await changes('list'), await changes('detail')],
		},
	];
}

if (import.meta.url === `file://${process.argv[1]}`) {
	delete process.env['CI'];
	process.env['FORCE_COLOR'] ??= '1';
	for (const table of await benchScreenWrites()) console.log(formatTable(table));
	process.exit(0);
}
