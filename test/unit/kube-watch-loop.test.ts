// The list+watch loop against a scripted loopback HTTP server: reconnects,
// 410 re-lists, backoff, the watchdog and the status it reports. (The
// integration tests run the same code against a real kube-apiserver.)
import {UNAUTHORIZED} from '../../source/kube/error-words.js';
import type http from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/raw.js';
import {resourceType} from '../../source/kube/resources.js';
import type {WatchStatus} from '../../source/kube/source.js';
import {ResourceWatch, type WatchTuning} from '../../source/kube/watch.js';
import {FakeApiServer, kubeConfigFor, sendEvent, sendList, sendStatus, startStream, until, type Handler} from './kube-fake-server.js';

const servers: FakeApiServer[] = [];
const watches: ResourceWatch[] = [];
afterEach(async () => {
	for (const watch of watches.splice(0)) watch.stop();
	for (const server of servers.splice(0)) await server.close();
});

const fastTuning: Partial<WatchTuning> = {
	backoff: {initialMs: 50, maxMs: 400, factor: 2, jitter: 0},
	slowRetryMs: 150,
	requestTimeoutMs: 2000,
	healthyAfterMs: 60_000,
};

async function startWatch(handler: Handler, opts: {resource?: 'pods' | 'rollouts' | 'events'; namespace?: string | null; tuning?: Partial<WatchTuning>} = {}) {
	const fake = new FakeApiServer(handler);
	servers.push(fake);
	const url = await fake.listen();
	const statuses: WatchStatus[] = [];
	let objects: ReadonlyMap<string, KubeObject> = new Map();
	let objectCalls = 0;
	const watch = new ResourceWatch(
		kubeConfigFor(url),
		resourceType(opts.resource ?? 'pods'),
		opts.namespace === undefined ? 'shop' : opts.namespace,
		{
			onObjects(next) {
				objects = next;
				objectCalls++;
			},
			onStatus(status) {
				statuses.push(status);
			},
		},
		{...fastTuning, ...opts.tuning},
	);
	watches.push(watch);
	watch.start();
	return {
		fake,
		url,
		watch,
		statuses,
		names: () => [...objects.values()].map((o) => o.metadata?.name).sort(),
		objectCalls: () => objectCalls,
	};
}

const pod = (name: string, resourceVersion: string, extra: Record<string, unknown> = {}) => ({
	metadata: {name, namespace: 'shop', resourceVersion, managedFields: [{manager: 'x'}], ...extra},
});

const last = (statuses: WatchStatus[]) => statuses[statuses.length - 1];

describe('ResourceWatch', () => {
	it('lists, then watches from the list resourceVersion with bookmarks, and applies events', async () => {
		let stream: http.ServerResponse | undefined;
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [pod('a', '5'), pod('b', '6')], '10');
			startStream(res);
			stream = res;
		});
		await until(() => last(t.statuses)?.state === 'live', 'live');
		expect(t.names()).toEqual(['a', 'b']);
		expect(t.fake.lists[0]?.path).toBe('/api/v1/namespaces/shop/pods');
		expect(t.fake.lists[0]?.query.get('limit')).toBe('500');
		const watchQuery = t.fake.watches[0]!.query;
		expect(watchQuery.get('resourceVersion')).toBe('10');
		expect(watchQuery.get('allowWatchBookmarks')).toBe('true');
		expect(Number(watchQuery.get('timeoutSeconds'))).toBeGreaterThan(0);

		sendEvent(stream!, 'ADDED', pod('c', '11'));
		sendEvent(stream!, 'MODIFIED', pod('a', '12', {labels: {v: '2'}}));
		sendEvent(stream!, 'DELETED', pod('b', '13'));
		await until(() => t.names().join() === 'a,c', 'events applied');
		const a = t.watch.objects.get('shop/a')!;
		expect(a.metadata?.labels).toEqual({v: '2'});
		expect(a.metadata).not.toHaveProperty('managedFields');
		expect(a.kind).toBe('Pod');

		// A bookmark moves the resourceVersion; a clean close resumes from there without a new LIST.
		sendEvent(stream!, 'BOOKMARK', {kind: 'Pod', metadata: {resourceVersion: '20'}});
		await new Promise((resolve) => setTimeout(resolve, 30));
		stream!.end();
		await until(() => t.fake.watches.length === 2, 'second watch');
		expect(t.fake.watches[1]!.query.get('resourceVersion')).toBe('20');
		expect(t.fake.lists).toHaveLength(1);
		expect(t.statuses.map((s) => s.state)).toEqual(['live']);
	});

	it('falls back to core/v1 Events when events.k8s.io/v1 is not served, and stays there', async () => {
		const t = await startWatch(
			(req, res) => {
				if (req.path.startsWith('/apis/events.k8s.io/')) return sendStatus(res, 404, 'the server could not find the requested resource');
				if (req.watch) return startStream(res);
				sendList(res, [{metadata: {name: 'e1', namespace: 'shop', resourceVersion: '3'}, reason: 'Pulled'}], '3');
			},
			{resource: 'events'},
		);
		await until(() => last(t.statuses)?.state === 'live', 'live');
		expect(t.fake.lists.map((l) => l.path)).toEqual(['/apis/events.k8s.io/v1/namespaces/shop/events', '/api/v1/namespaces/shop/events']);
		expect(t.fake.watches[0]!.path).toBe('/api/v1/namespaces/shop/events');
		expect(t.names()).toEqual(['e1']);
		expect(t.watch.objects.get('shop/e1')).toMatchObject({kind: 'Event', apiVersion: 'v1'});
		// The fallback is no retry loop: a 404 there too is "not served", as for any other kind.
		expect(t.statuses.map((s) => s.state)).toEqual(['live']);
	});

	it('says "not served" when neither Events API answers', async () => {
		const t = await startWatch((_req, res) => sendStatus(res, 404, 'not found'), {resource: 'events'});
		await until(() => last(t.statuses)?.state === 'unavailable', 'unavailable');
		expect(last(t.statuses)?.reason).toBe('not served by this cluster (/api/v1/events)');
		expect(t.fake.lists.map((l) => l.path).slice(0, 2)).toEqual(['/apis/events.k8s.io/v1/namespaces/shop/events', '/api/v1/namespaces/shop/events']);
	});

	it('follows continue tokens when listing', async () => {
		const t = await startWatch((req, res) => {
			if (req.watch) return startStream(res);
			if (!req.query.get('continue')) return sendList(res, [pod('a', '1')], '30', 'page2');
			expect(req.query.get('continue')).toBe('page2');
			sendList(res, [pod('b', '2')], '30');
		});
		await until(() => last(t.statuses)?.state === 'live', 'live');
		expect(t.names()).toEqual(['a', 'b']);
		expect(t.fake.watches[0]!.query.get('resourceVersion')).toBe('30');
	});

	it('re-lists after a 410 ERROR event, and objects deleted meanwhile vanish', async () => {
		let listCount = 0;
		const t = await startWatch((req, res) => {
			if (!req.watch) {
				listCount++;
				return listCount === 1 ? sendList(res, [pod('old', '1'), pod('kept', '2')], '5') : sendList(res, [pod('kept', '9')], '50');
			}
			startStream(res);
			if (req.query.get('resourceVersion') === '5') {
				sendEvent(res, 'ERROR', {kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 5 (40)'});
				res.end();
			}
		});
		await until(() => t.fake.lists.length === 2 && t.fake.watches.length === 2, 'relist and second watch');
		expect(t.names()).toEqual(['kept']);
		expect(t.fake.watches[1]!.query.get('resourceVersion')).toBe('50');
		expect(last(t.statuses)?.state).toBe('live');
	});

	it('re-lists after an HTTP 410 on the watch request', async () => {
		let watchCount = 0;
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [pod('a', '1')], String(100 + t.fake.lists.length));
			watchCount++;
			if (watchCount === 1) return sendStatus(res, 410, 'too old');
			startStream(res);
		});
		await until(() => t.fake.watches.length === 2, 'second watch');
		expect(t.fake.lists).toHaveLength(2);
	});

	it('backs off on server errors, reports reconnecting, and recovers', async () => {
		let failuresLeft = 3;
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [pod('a', '1')], '7');
			if (failuresLeft-- > 0) return sendStatus(res, 500, 'internal error');
			startStream(res);
		});
		await until(() => last(t.statuses)?.state === 'live' && t.fake.watches.length === 4, 'recovered', 5000);
		const reconnecting = t.statuses.filter((s) => s.state === 'reconnecting');
		expect(reconnecting.map((s) => s.attempt)).toContain(3);
		expect(reconnecting[0]).toMatchObject({reason: 'server answered 500: internal error', attempt: 1});
		expect(reconnecting.some((s) => s.nextRetryAt !== null)).toBe(true);
		expect(last(t.statuses)).toEqual({resource: 'pods', state: 'live', attempt: 0, nextRetryAt: null, reason: null});
		// The watch resumed from the same resourceVersion without re-listing.
		expect(t.fake.lists).toHaveLength(1);
		expect(t.fake.watches.every((w) => w.query.get('resourceVersion') === '7')).toBe(true);
	});

	it('starts the backoff afresh when a stream that stayed open long enough breaks', async () => {
		let failuresLeft = 2;
		const t = await startWatch(
			(req, res) => {
				if (!req.watch) return sendList(res, [pod('a', '1')], '7');
				if (failuresLeft-- > 0) return sendStatus(res, 500, 'internal error');
				startStream(res);
				// Open longer than healthyAfterMs, then the connection breaks (no clean end).
				setTimeout(() => res.destroy(), 250);
			},
			{tuning: {healthyAfterMs: 150}},
		);
		await until(() => t.fake.watches.length >= 5, 'the watches after the broken streams', 5000);
		const reconnecting = t.statuses.filter((s) => s.state === 'reconnecting' && s.nextRetryAt !== null);
		// 500, 500, then each broken stream: a first retry again, not attempt 3, 4, ...
		expect(reconnecting.map((s) => s.attempt).slice(0, 4)).toEqual([1, 2, 1, 1]);
		expect(reconnecting[2]?.reason).toMatch(/^cannot reach .*: connection reset \(ECONNRESET\)$/);
	});

	it('does not hot-loop when the server ends every watch at once', async () => {
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [], '1');
			startStream(res);
			res.end();
		});
		await new Promise((resolve) => setTimeout(resolve, 1000));
		// With 50ms doubling to a 400ms cap, about 6 tries fit into a second; a hot loop makes thousands.
		expect(t.fake.watches.length).toBeGreaterThanOrEqual(2);
		expect(t.fake.watches.length).toBeLessThan(12);
	});

	it('does not hot-loop on endless 410s', async () => {
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [], '1');
			startStream(res);
			sendEvent(res, 'ERROR', {kind: 'Status', code: 410});
			res.end();
		});
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(t.fake.lists.length).toBeLessThan(12);
	});

	it('reconnects when the watch goes silent (watchdog)', async () => {
		const t = await startWatch(
			(req, res) => {
				if (!req.watch) return sendList(res, [], '3');
				startStream(res); // and then never a byte
			},
			{tuning: {watchTimeoutSeconds: 1, idleGraceMs: 100}},
		);
		await until(() => t.fake.watches.length >= 2, 'a second watch after the idle timeout', 4000);
		expect(t.statuses.find((s) => s.state === 'reconnecting')?.reason).toMatch(/^no data from http:\/\/127\.0\.0\.1:\d+ for 1s$/);
	});

	it('marks a missing CRD unavailable, retries slowly and picks it up once installed', async () => {
		let installed = false;
		const t = await startWatch(
			(req, res) => {
				if (!installed) return sendStatus(res, 404, 'the server could not find the requested resource');
				if (!req.watch) return sendList(res, [{metadata: {name: 'r', namespace: 'shop', resourceVersion: '4'}}], '4');
				startStream(res);
			},
			{resource: 'rollouts'},
		);
		await until(() => last(t.statuses)?.state === 'unavailable', 'unavailable');
		expect(last(t.statuses)?.reason).toBe('not installed (no CRD for rollouts.argoproj.io)');
		expect(t.fake.requests[0]?.path).toBe('/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts');
		const before = t.fake.requests.length;
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(t.fake.requests.length).toBe(before); // slow: not before slowRetryMs
		installed = true;
		await until(() => last(t.statuses)?.state === 'live', 'live after install', 3000);
		expect(t.names()).toEqual(['r']);
		expect(t.watch.objects.get('shop/r')?.kind).toBe('Rollout');
	});

	it('reports forbidden with verb, resource and namespace', async () => {
		const t = await startWatch((_req, res) => sendStatus(res, 403, 'pods is forbidden: User "bob" cannot list'));
		await until(() => last(t.statuses)?.state === 'unavailable', 'unavailable');
		expect(last(t.statuses)?.reason).toBe('forbidden: cannot list pods in namespace shop');
	});

	it('uses cluster-wide paths for all namespaces', async () => {
		const t = await startWatch((_req, res) => sendStatus(res, 403), {namespace: null});
		await until(() => last(t.statuses)?.state === 'unavailable', 'unavailable');
		expect(t.fake.requests[0]?.path).toBe('/api/v1/pods');
		expect(last(t.statuses)?.reason).toBe('forbidden: cannot list pods in all namespaces');
	});

	it('gives up on 401 and sends nothing more', async () => {
		const t = await startWatch((_req, res) => sendStatus(res, 401, 'Unauthorized'));
		await until(() => last(t.statuses)?.state === 'failed', 'failed');
		expect(last(t.statuses)?.reason).toBe(UNAUTHORIZED);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(t.fake.requests).toHaveLength(1);
	});

	it('sends the bearer token but never reports it', async () => {
		const t = await startWatch((_req, res) => sendStatus(res, 500, 'oops token fake-token'));
		await until(() => t.statuses.length > 0, 'a status');
		expect(t.fake.requests[0]?.authorization).toBe('Bearer fake-token');
		expect(JSON.stringify(t.statuses)).not.toContain('fake-token');
	});

	it('reports connection refused in words and keeps retrying', async () => {
		const fake = new FakeApiServer(() => {});
		const url = await fake.listen();
		await fake.close(); // nothing listens on that port any more
		const statuses: WatchStatus[] = [];
		const watch = new ResourceWatch(kubeConfigFor(url), resourceType('pods'), 'shop', {onObjects() {}, onStatus: (s) => statuses.push(s)}, fastTuning);
		watches.push(watch);
		watch.start();
		await until(() => statuses.some((s) => s.attempt >= 3), 'three attempts');
		expect(statuses[0]).toMatchObject({state: 'reconnecting', attempt: 1, reason: `cannot reach ${url}: connection refused (ECONNREFUSED)`});
	});

	it('stop() closes the stream and ends all activity', async () => {
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [], '1');
			startStream(res);
		});
		await until(() => last(t.statuses)?.state === 'live', 'live');
		expect(t.fake.openStreams).toBe(1);
		t.watch.stop();
		await until(() => t.fake.openStreams === 0, 'stream closed');
		const requests = t.fake.requests.length;
		const statuses = t.statuses.length;
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(t.fake.requests.length).toBe(requests);
		expect(t.statuses.length).toBe(statuses);
	});

	it('batches the events of one network chunk into one update', async () => {
		const t = await startWatch((req, res) => {
			if (!req.watch) return sendList(res, [], '1');
			startStream(res);
			res.write(['x1', 'x2', 'x3'].map((name, i) => JSON.stringify({type: 'ADDED', object: pod(name, String(i + 2))})).join('\n') + '\n');
		});
		await until(() => t.names().length === 3, 'three pods');
		expect(t.objectCalls()).toBe(2); // the list, then one for the chunk
	});
});
