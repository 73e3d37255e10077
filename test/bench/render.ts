// 2. Rendering: the App at 120x40 on a fake terminal, fed by a MutableSource.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {generateObjects, withPodReady, withReady} from './fixtures.js';
import {MutableSource, mountApp, screenLines, type Write} from './terminal.js';
import {gc, kb, mb, ms, sleep, type Table} from './util.js';

const COLUMNS = 120;
const ROWS = 40;
const here = path.dirname(fileURLToPath(import.meta.url));
/** Blue-green, paused, 3 revisions x 5 pods. */
const DETAIL_KEY = 'team-2/app-0002';

/** Rollouts on the first screen of the list (k < 25): sorted by namespace, so team-0 = every 4th. */
const visibleRollout = (k: number) => k * 4;


/** Frames whose screen text equals the previous frame's (should never be written). */
function identicalFrames(all: Write[], frames: Write[]): number {
	const everything = all.filter((w) => w.frame);
	return frames.filter((f) => {
		const i = everything.indexOf(f);
		return i > 0 && screenLines(everything[i - 1]!).join('\n') === screenLines(f).join('\n');
	}).length;
}

function changedLines(all: Write[], frames: Write[]): number[] {
	const everything = all.filter((w) => w.frame);
	return frames.map((f) => {
		const i = everything.indexOf(f);
		if (i <= 0) return screenLines(f).length;
		const prev = screenLines(everything[i - 1]!);
		return screenLines(f).filter((line, j) => line !== prev[j]).length;
	});
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const bytesOf = (ws: Write[]) => sum(ws.map((w) => w.bytes));

async function idle(youngFirst: boolean, detail = false): Promise<string[]> {
	const source = new MutableSource(generateObjects(100, Date.now(), {youngFirst}));
	gc();
	const m = mountApp(source, COLUMNS, ROWS, detail ? DETAIL_KEY : undefined);
	const t = m.mountedAt;
	await sleep(1000);
	const cpu0 = process.cpuUsage();
	await sleep(2000);
	const cpu = process.cpuUsage(cpu0);
	m.unmount();
	const perSecond = [0, 1, 2].map((s) => m.frames(t + s * 1000, t + (s + 1) * 1000).length);
	const after = m.frames(t + 1000, t + 3000);
	return [
		detail ? `detail ${DETAIL_KEY} (15 pods)` : youngFirst ? 'list, row 1 is 30 s old' : 'list, all >= 20 h old',
		perSecond.join(' / '),
		String(after.length),
		String(identicalFrames(m.stdout.writes, after)),
		String(m.renders.filter((r) => r >= t + 1000 && r < t + 3000).length),
		kb(bytesOf(m.stdout.writes.filter((w) => w.at < t + 3000))),
		ms((cpu.user + cpu.system) / 1000 / 2),
		youngFirst ? '1 frame/s (AGE changes)' : '0 frames after 1st s',
	];
}

async function burst(): Promise<string[]> {
	const source = new MutableSource(generateObjects(100));
	gc();
	const m = mountApp(source, COLUMNS, ROWS);
	await sleep(1200); // past the first frame and the first clock tick
	// 500 notifications in 10 batches of 50, one batch every 10 ms (scheduled on absolute times).
	const t0 = performance.now();
	for (let batch = 0; batch < 10; batch++) {
		await sleep(Math.max(0, t0 + batch * 10 - performance.now()));
		for (let j = 0; j < 50; j++) {
			const n = batch * 50 + j;
			source.update(withReady(source.objects, visibleRollout(n % 25), n % 6));
		}
	}
	const sentIn = performance.now() - t0;
	await sleep(600);
	const end = t0 + sentIn + 600;
	const frames = m.frames(t0, end);
	const renders = m.renders.filter((r) => r >= t0 && r < end).length;
	m.unmount();
	// The screen after the last write must show the last value of every rollout touched (n = 475..499).
	const last = m.screen().split('\n');
	const current = Array.from({length: 25}, (_, j) => 475 + j).every((n) => {
		const name = `app-${String(visibleRollout(n % 25)).padStart(4, '0')}`;
		return last.some((line) => line.includes(name) && line.includes(` ${n % 6}/5 `));
	});
	return [
		`${source.notifications} in ${sentIn.toFixed(0)} ms`,
		String(frames.length),
		String(renders),
		frames[0] ? ms(frames[0].at - t0) : '-',
		frames.length ? ms(frames.at(-1)!.at - t0) : '-',
		current ? 'yes' : 'NO',
		'<= 1 frame per 30 ms',
	];
}

/** Ten visible changes 200 ms apart; bytes and changed lines per frame. */
async function perFrame(view: 'list' | 'detail'): Promise<string[]> {
	const source = new MutableSource(generateObjects(100));
	gc();
	const m = mountApp(source, COLUMNS, ROWS, view === 'detail' ? DETAIL_KEY : undefined);
	await sleep(1200);
	const first = m.frames()[0];
	const podName = source.objects.pods.find((p) => p.metadata?.namespace === 'team-2' && p.metadata.name?.startsWith('app-0002-'))!.metadata!.name!;
	const t0 = performance.now();
	for (let i = 0; i < 10; i++) {
		source.update(view === 'list' ? withReady(source.objects, visibleRollout(i), i % 2) : withPodReady(source.objects, podName, i % 2 === 1));
		await sleep(200);
	}
	const frames = m.frames(t0);
	m.unmount();
	const lines = changedLines(m.stdout.writes, frames);
	return [
		view === 'list' ? 'list (100 rollouts)' : `detail ${DETAIL_KEY} (15 pods)`,
		first ? kb(first.bytes) : '-',
		`${frames.length} for 10 changes`,
		frames.length ? `${(bytesOf(frames) / frames.length).toFixed(0)} B` : '-',
		frames.length ? (sum(lines) / lines.length).toFixed(1) : '-',
		'(none given)',
	];
}

/** RSS is per process, so the 1000-rollout render runs in a fresh child (rss.ts). */
function rss1000(nodeEnv: 'development' | 'production'): string[] {
	const env: NodeJS.ProcessEnv = {...process.env, NODE_OPTIONS: ''};
	if (nodeEnv === 'production') env['NODE_ENV'] = 'production';
	else delete env['NODE_ENV'];
	const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'rss.ts')], {
		cwd: path.resolve(here, '..', '..'),
		encoding: 'utf8',
		timeout: 60_000,
		env,
	});
	const line = child.stdout?.trim().split('\n').at(-1) ?? '';
	try {
		const r = JSON.parse(line) as Record<string, number>;
		return [
			nodeEnv === 'production' ? 'NODE_ENV=production' : 'NODE_ENV unset (as today)',
			mb(r['rssStart']!),
			mb(r['rssObjects']!),
			mb(r['rssRendered']!),
			mb(r['heapRendered']!),
			ms(r['firstFrameMs']!),
			ms(r['cpuPerTickMs']!),
			String(r['framesAfterFirstSecond']),
		];
	} catch {
		return [nodeEnv, `failed: ${(child.error?.message ?? child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`];
	}
}

/** One unmeasured mount with a clock tick, so the JIT has seen the render paths. */
async function warmUp() {
	const m = mountApp(new MutableSource(generateObjects(100)), COLUMNS, ROWS);
	await sleep(1100);
	m.unmount();
}

export async function benchRender(): Promise<Table[]> {
	await warmUp();
	const idleRows = [await idle(false), await idle(true), await idle(false, true)];
	const burstRow = await burst();
	const frameRows = [await perFrame('list'), await perFrame('detail')];
	const rssRows = [rss1000('development'), rss1000('production')];
	return [
		{
			title: `2a. Idle for 3 s at ${COLUMNS}x${ROWS} (App clock ticks every 1 s)`,
			head: ['100 rollouts', 'frames 0-1s / 1-2s / 2-3s', 'frames after 1s', 'of which identical', 'renders after 1s', 'bytes written', 'CPU per idle s', 'target'],
			rows: idleRows,
			notes: ['frame = a stdout write with screen content; "identical" = same screen text as the frame before (a wasted write)'],
		},
		{
			title: '2b. Burst of watch notifications (100 rollouts, each notification changes a visible READY cell)',
			head: ['notifications', 'frames', 'renders', 'first frame after', 'last frame after', 'screen shows final state', 'target'],
			rows: [burstRow],
		},
		{
			title: '2c. Bytes per frame (the screen writer sends only the changed cells)',
			head: ['view', 'first frame', 'frames', 'avg bytes/frame', 'avg lines changed/frame', 'target'],
			rows: frameRows,
		},
		{
			title: '2d. Memory after rendering 1000 rollouts (15000 pods) at 120x40, fresh process',
			head: ['React build', 'RSS at start', 'RSS with objects', 'RSS rendered (+2 s)', 'heap rendered', 'first frame', 'CPU per clock tick', 'frames after 1st s'],
			rows: rssRows,
			notes: ['CPU per clock tick = CPU time of 2 idle seconds / 2: every 1 s tick re-derives all rollouts, even when no frame is written'],
		},
	];
}
