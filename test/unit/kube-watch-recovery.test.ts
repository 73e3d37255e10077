// Recovery after API server restarts, against a loopback fake that can be
// killed and started again on the same port: the shared readiness probe
// wakes every waiting kind as soon as /readyz answers (whatever its backoff
// had grown to), requests that hang on a half-started server are cut short,
// 404s from a starting server do not wipe the objects, and the status says
// since when the objects are stale. (soak.test.ts does the same against the
// real control plane.)
import type http from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import {Reachability, type ProbeResult} from '../../source/kube/reachability.js';
import {resourceType} from '../../source/kube/resources.js';
import type {Snapshot, Source, WatchStatus} from '../../source/kube/source.js';
import {ResourceWatch, type WatchTuning} from '../../source/kube/watch.js';
import {FakeApiServer, kubeConfigFor, sendList, sendStatus, startStream, until, type Recorded} from './kube-fake-server.js';

type Phase = 'ready' | 'starting' | 'hanging' | 'deaf';

/** A fake API server that can be killed (every connection dropped) and started again on its port. */
class RestartableServer {
	phase: Phase = 'ready';
	readonly requests: Recorded[] = [];
	private fake: FakeApiServer | null = null;
	private port = 0;
	url = '';

	async start(phase: Phase = 'ready'): Promise<void> {
		this.phase = phase;
		this.fake = new FakeApiServer((req, res) => this.handle(req, res));
		this.url = await this.fake.listen(this.port);
		this.port = Number(new URL(this.url).port);
	}

	async kill(): Promise<void> {
		await this.fake?.close();
		this.fake = null;
	}

	private handle(req: Recorded, res: http.ServerResponse): void {
		this.requests.push(req);
		if (req.path === '/readyz') {
			if (this.phase !== 'ready') return sendStatus(res, 500, '[-]poststarthook/crd-informer-synced failed');
			res.writeHead(200);
			res.end('ok');
			return;
		}
		if (this.phase === 'hanging') return; // accepted, and never an answer
		if (this.phase === 'deaf' && req.watch) return startStream(res); // a watch that opens and never delivers (a cache still filling)
		// A starting server: CRD paths are not served yet, everything else is unavailable.
		if (this.phase === 'starting') return req.path.includes('argoproj.io') ? sendStatus(res, 404) : sendStatus(res, 503, 'not ready');
		if (!req.watch) {
			const kind = req.path.split('/').pop()!;
			return sendList(res, [{metadata: {name: `${kind}-1`, namespace: 'shop', resourceVersion: '5'}}], '10');
		}
		startStream(res);
	}
}

const servers: RestartableServer[] = [];
const sources: Source[] = [];
const watches: ResourceWatch[] = [];
afterEach(async () => {
	for (const source of sources.splice(0)) source.stop();
	for (const watch of watches.splice(0)) watch.stop();
	for (const server of servers.splice(0)) await server.kill();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff that grows fast and far, so a recovery that waits for it shows up as seconds. */
const slowBackoff: Partial<WatchTuning> = {
	backoff: {initialMs: 200, maxMs: 30_000, factor: 2, jitter: 0},
	probe: {initialMs: 50, maxMs: 100, factor: 2, jitter: 0},
	healthyAfterMs: 60_000,
	requestTimeoutMs: 10_000,
};

async function startSource(tuning: Partial<WatchTuning> = slowBackoff) {
	const server = new RestartableServer();
	servers.push(server);
	await server.start();
	const source = createClusterSource(kubeConfigFor(server.url), {namespace: 'shop', tuning});
	sources.push(source);
	const rolloutCounts: number[] = [];
	source.subscribe(() => rolloutCounts.push(source.getSnapshot().objects.rollouts.length));
	source.start();
	const allLive = () => source.getSnapshot().watches.every((w) => w.state === 'live');
	await until(allLive, 'all live');
	return {server, source, allLive, rolloutCounts};
}

/** The longest time any kind would still wait on its own timer, from `now`. */
const longestWait = (snapshot: Snapshot, now: number) => Math.max(0, ...snapshot.watches.map((w) => (w.nextRetryAt ?? now) - now));

describe('recovery after API server restarts', () => {
	it('every kind is live within a probe interval of /readyz, however long its backoff had grown, restart after restart', {timeout: 15_000}, async () => {
		const {server, source, allLive, rolloutCounts} = await startSource();
		for (let round = 1; round <= 3; round++) {
			await server.kill();
			await sleep(1700); // refused: 200, 400, 800 ms ... the next wait is 1.6 s or more
			await server.start('starting'); // 503, and 404 for the CRD kinds, while /readyz says not yet
			await sleep(300);
			const waitingFor = longestWait(source.getSnapshot(), Date.now());
			server.phase = 'ready';
			const readyAt = Date.now();
			await until(allLive, `all live again after restart ${round}`, 5000);
			const recoveryMs = Date.now() - readyAt;
			expect(waitingFor, `round ${round}: the backoff had grown`).toBeGreaterThan(1000);
			expect(recoveryMs, `round ${round}`).toBeLessThan(500);
		}
		// The 404s of the starting server never emptied the rollouts.
		expect(rolloutCounts.filter((count) => count === 0)).toEqual([]);
		expect(source.getSnapshot().objects.rollouts).toHaveLength(1);
	});

	it('cuts requests that hang on a half-started server once /readyz answers, far before their timeout', async () => {
		const {server, allLive} = await startSource();
		await server.kill();
		await server.start('hanging');
		await sleep(800); // every kind has sent a request that will never be answered
		const hung = server.requests.filter((r) => r.path !== '/readyz').length;
		server.phase = 'ready';
		const readyAt = Date.now();
		await until(allLive, 'all live again', 5000);
		expect(Date.now() - readyAt).toBeLessThan(500); // requestTimeoutMs is 10 s
		expect(hung).toBeGreaterThan(0);
	});

	it('reopens watches that opened while /readyz still said no, once it says yes', async () => {
		const {server, allLive} = await startSource();
		const watchCount = () => server.requests.filter((r) => r.watch).length;
		await server.kill();
		await server.start('deaf');
		await until(() => watchCount() >= 14 && allLive(), 'every kind watching the starting server', 5000);
		await sleep(200); // the probe keeps finding /readyz not ready
		const before = watchCount();
		server.phase = 'ready';
		await until(() => watchCount() >= before + 7, 'every kind watching again', 1000);
		await until(allLive, 'all live', 1000);
	});

	it('probes /readyz once for all kinds while the server is down, not once per kind and attempt', async () => {
		const {server} = await startSource({...slowBackoff, backoff: {initialMs: 50, maxMs: 50, factor: 1, jitter: 0}});
		await server.kill();
		await sleep(50);
		await server.start('starting');
		const before = server.requests.length;
		await sleep(500);
		const probes = server.requests.slice(before).filter((r) => r.path === '/readyz').length;
		// Probes every 50-100 ms: about 5-10 in 500 ms, from one probe loop (seven loops would be ~35+).
		expect(probes).toBeGreaterThanOrEqual(3);
		expect(probes).toBeLessThanOrEqual(12);
	});

	it('a 404 from a server the probe found healthy still means "not installed"', async () => {
		// One 500 (the probe then finds /readyz fine), then 404s: the 404 is believed.
		let answers = 0;
		const statuses: WatchStatus[] = [];
		const fake = new FakeApiServer((req, res) => {
			if (req.path === '/readyz') return (res.writeHead(200), res.end('ok'));
			sendStatus(res, answers++ === 0 ? 500 : 404);
		});
		const url = await fake.listen();
		const watch = new ResourceWatch(kubeConfigFor(url), resourceType('rollouts'), 'shop', {onObjects() {}, onStatus: (s) => statuses.push(s)}, {...slowBackoff, slowRetryMs: 60_000});
		watches.push(watch);
		watch.start();
		await until(() => statuses.at(-1)?.state === 'unavailable', 'unavailable');
		expect(statuses.at(-1)?.reason).toBe('not installed (no CRD for rollouts.argoproj.io)');
		expect(fake.probes).toHaveLength(1);
		watch.stop();
		await fake.close();
	});

	it('says since when the objects are stale, through every retry, until live again', async () => {
		const server = new RestartableServer();
		servers.push(server);
		await server.start();
		const statuses: WatchStatus[] = [];
		const watch = new ResourceWatch(kubeConfigFor(server.url), resourceType('pods'), 'shop', {onObjects() {}, onStatus: (s) => statuses.push(s)}, slowBackoff);
		watches.push(watch);
		watch.start();
		await until(() => statuses.at(-1)?.state === 'live', 'live');
		expect(statuses.at(-1)).not.toHaveProperty('staleSince');
		const lostAt = Date.now();
		await server.kill();
		await until(() => statuses.filter((s) => s.state === 'reconnecting').length >= 4, 'several retries', 3000);
		const stale = statuses.filter((s) => s.state === 'reconnecting').map((s) => s.staleSince);
		expect(new Set(stale).size).toBe(1);
		expect(stale[0]).toBeGreaterThanOrEqual(lostAt);
		expect(stale[0]).toBeLessThan(lostAt + 200);
		await server.start();
		await until(() => statuses.at(-1)?.state === 'live', 'live again', 3000);
		expect(statuses.at(-1)).not.toHaveProperty('staleSince');
	});
});

describe('Reachability', () => {
	/** A probe that answers from a script, then 'ready'. */
	function scripted(results: ProbeResult[]) {
		const calls: number[] = [];
		const probe = async () => {
			calls.push(Date.now());
			return results.shift() ?? 'ready';
		};
		return {probe, calls};
	}
	const quick = {probe: {initialMs: 20, maxMs: 20, factor: 1, jitter: 0}};

	it('does not wake waiters when the first probe finds the server ready (the failure was not an outage)', async () => {
		const {probe, calls} = scripted([]);
		const reach = new Reachability(probe, quick);
		const waited = reach.wait(150, new AbortController().signal);
		reach.failed();
		expect(reach.inDoubt).toBe(true);
		expect(await waited).toBe('timer');
		expect(calls).toHaveLength(1);
		expect(reach.inDoubt).toBe(false);
	});

	it('probes until ready, once however many kinds fail, then wakes every waiter', async () => {
		const {probe, calls} = scripted(['unready', 'unready']);
		const reach = new Reachability(probe, quick);
		const signal = new AbortController().signal;
		const started = Date.now();
		const waits = [reach.wait(10_000, signal), reach.wait(10_000, signal)];
		for (let i = 0; i < 7; i++) reach.failed();
		expect(await Promise.all(waits)).toEqual(['recovered', 'recovered']);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(calls).toHaveLength(3);
	});

	it('answered() wakes waiters during an outage only', async () => {
		const {probe} = scripted(['unready', 'unready', 'unready', 'unready', 'unready']);
		const reach = new Reachability(probe, {probe: {initialMs: 1000, maxMs: 1000, factor: 1, jitter: 0}});
		const signal = new AbortController().signal;
		const idle = reach.wait(100, signal);
		reach.answered();
		expect(await idle).toBe('timer');
		reach.failed();
		await sleep(20); // the first probe found the server down
		const waiting = reach.wait(10_000, signal);
		reach.answered();
		expect(await waiting).toBe('recovered');
		reach.stop();
	});

	it('cuts requests without an answer when the probe sees the server back, and only those', async () => {
		const {probe} = scripted(['unready']);
		const reach = new Reachability(probe, quick);
		const signal = new AbortController().signal;
		const hanging = reach.track(signal);
		const answered = reach.track(signal);
		answered.answered();
		reach.failed();
		await until(() => hanging.signal.aborted, 'the hanging request cut', 1000);
		expect(hanging.wasCut()).toBe(true);
		expect(answered.signal.aborted).toBe(false);
		hanging.done();
		answered.done();
	});

	it('a tracked request follows its watch being stopped, and that is not a cut', () => {
		const reach = new Reachability(scripted([]).probe, quick);
		const controller = new AbortController();
		const request = reach.track(controller.signal);
		controller.abort();
		expect(request.signal.aborted).toBe(true);
		expect(request.wasCut()).toBe(false);
		request.done();
	});
});
