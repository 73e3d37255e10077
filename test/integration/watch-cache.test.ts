// The cluster Source against a kube-apiserver WITH its watch cache, as real
// clusters run it. The shared test cluster runs without one (see
// UpOptions.watchCache), so this file starts a second, separate control plane
// in its own state directory (own ports, lock and processes) and stops it
// again; the shared cluster is never touched.
//
// With the cache on, bookmarks come from the cacher, and a freshly restarted
// apiserver answers resumed watches with 429 while its cache fills and then
// with 410 Gone (the new cache has no history). The source must ride that out
// by itself: every change made right after a restart reaches the snapshot
// within seconds, and the snapshot equals a fresh LIST.
//
// Every request the source sends is recorded (a pass-through wrapper around
// openGet), so bookmarks can be seen without changing the source, and a
// failure shows what the server answered.
import {KINDS} from '../../source/domain/kinds.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {adminKubeConfig, clusterPaths, down, startComponent, stopComponent, up, type ClusterPaths} from '../cluster/cluster.js';
import {blueGreenManifest, ROLLOUT} from '../cluster/manifests.js';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import type {Snapshot, Source} from '../../source/kube/source.js';
import type {WatchTuning} from '../../source/kube/watch.js';
import type {ObjectSets} from '../../source/domain/raw.js';
import {createBlueGreen, getCluster, waitFor} from './helpers.js';
import {allLive, find, listState, names, service, summarize, timeUntil, withoutEvents} from './source-helpers.js';

interface RecordedEvent {
	at: number;
	type: string;
	resourceVersion?: string;
	/** The Status code of an ERROR event. */
	code?: number;
}

interface RecordedRequest {
	at: number;
	/** Last path segment: `services`, `rollouts`, ... */
	resource: string;
	watch: boolean;
	/** The resourceVersion a watch resumed from. */
	resourceVersion?: string;
	timeoutSeconds?: number;
	/** HTTP status, or the socket error code when there was no answer. */
	outcome?: number | string;
	events: RecordedEvent[];
}

const traffic = vi.hoisted(() => ({requests: [] as RecordedRequest[]}));

vi.mock('../../source/kube/kube-request.js', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../source/kube/kube-request.js')>();
	const openGet: typeof original.openGet = async (...args) => {
		const [, urlPath, query] = args;
		const record: RecordedRequest = {
			at: Date.now(),
			resource: urlPath.split('/').pop() ?? '',
			watch: Boolean(query.watch),
			resourceVersion: query.watch && query.resourceVersion !== undefined ? String(query.resourceVersion) : undefined,
			timeoutSeconds: query.watch ? Number(query.timeoutSeconds) : undefined,
			events: [],
		};
		traffic.requests.push(record);
		let open: Awaited<ReturnType<typeof original.openGet>>;
		try {
			open = await original.openGet(...args);
		} catch (error) {
			record.outcome = (error as {code?: string}).code ?? (error as Error).name;
			throw error;
		}
		const {response} = open;
		record.outcome = response.statusCode;
		if (record.watch && response.statusCode === 200) {
			// Sees each chunk as the source does, without adding a reader (no change to the stream's flow).
			let pending = '';
			const emit = response.emit;
			response.emit = function (this: typeof response, event: string | symbol, ...rest: unknown[]) {
				if (event === 'data') {
					pending += String(rest[0]);
					const lines = pending.split('\n');
					pending = lines.pop() ?? '';
					for (const line of lines) {
						try {
							const parsed = JSON.parse(line) as {type: string; object?: {code?: number; metadata?: {resourceVersion?: string}}};
							record.events.push({
								at: Date.now(),
								type: parsed.type,
								resourceVersion: parsed.object?.metadata?.resourceVersion,
								code: parsed.object?.code,
							});
						} catch {
							record.events.push({at: Date.now(), type: 'UNPARSABLE'});
						}
					}
				}
				return emit.call(this, event, ...rest);
			} as typeof response.emit;
		}
		return open;
	};
	return {...original, openGet};
});

/** What the source asked and got for `resource` since `since`, one line (for reports and failure messages). */
function timeline(resource: string, since: number): string {
	const seconds = (at: number) => `+${((at - since) / 1000).toFixed(1)}s`;
	return traffic.requests
		.filter((request) => request.resource === resource && request.at >= since)
		.map((request) => {
			const notable = request.events.filter((event) => event.type === 'ERROR' || event.type === 'BOOKMARK');
			const events = notable.length > 0 ? ` [${notable.map((event) => (event.type === 'ERROR' ? `ERROR ${event.code}` : 'BOOKMARK')).join(' ')}]` : '';
			const verb = request.watch ? `watch(${request.timeoutSeconds}s)` : 'list';
			return `${seconds(request.at)} ${verb} ${request.outcome ?? '...'}${events}`;
		})
		.join(', ');
}

interface StatusChange {
	at: number;
	resource: string;
	state: string;
	attempt: number;
	/** Delay before the next try, when one is scheduled. */
	delayMs: number | null;
}

/** Records every change of the source's watch statuses. */
function recordStatuses(source: Source): StatusChange[] {
	const changes: StatusChange[] = [];
	let previous: Snapshot['watches'] = [];
	source.subscribe(() => {
		const {watches} = source.getSnapshot();
		if (watches === previous) return;
		const now = Date.now();
		for (const watch of watches) {
			if (previous.includes(watch)) continue;
			changes.push({
				at: now,
				resource: watch.resource,
				state: watch.state,
				attempt: watch.attempt,
				delayMs: watch.nextRetryAt === null ? null : watch.nextRetryAt - now,
			});
		}
		previous = watches;
	});
	return changes;
}

/** Per kind: when it was live again after `since`, its highest retry attempt (the count carries over until a watch was healthy) and longest backoff. */
function recovery(changes: StatusChange[], since: number): string {
	const byResource = new Map<string, StatusChange[]>();
	for (const change of changes.filter((c) => c.at >= since)) byResource.set(change.resource, [...(byResource.get(change.resource) ?? []), change]);
	return [...byResource]
		.map(([resource, list]) => {
			const live = list.find((c) => c.state === 'live');
			const attempts = Math.max(0, ...list.map((c) => c.attempt));
			const longest = Math.max(0, ...list.map((c) => c.delayMs ?? 0));
			return `${resource} ${live ? `live +${((live.at - since) / 1000).toFixed(1)}s` : 'not live'} (attempt ${attempts}, longest wait ${longest}ms)`;
		})
		.join(', ');
}

const PHASE_MS = {clusterUp: 60_000, ready: 15_000, recover: 15_000, matchList: 10_000};

let paths: ClusterPaths | undefined;
let kc: k8s.KubeConfig;
const namespace = 'watch-cache';
const sources: Source[] = [];

beforeAll(async () => {
	const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollouts-tui-watch-cache-'));
	paths = clusterPaths(stateDir);
	const result = await up({stateDir, watchCache: true, owner: 'test', binDir: getCluster().binDir || undefined});
	expect(result.reused).toBe(false);
	expect(result.state.watchCache).toBe(true);
	expect(result.paths.stateDir).toBe(stateDir);
	kc = adminKubeConfig(paths);
	await kc.makeApiClient(k8s.CoreV1Api).createNamespace({body: {metadata: {name: namespace}}});
}, PHASE_MS.clusterUp);

afterAll(async () => {
	for (const source of sources.splice(0)) source.stop();
	if (!paths) return;
	try {
		await down({stateDir: paths.stateDir});
	} finally {
		fs.rmSync(paths.stateDir, {recursive: true, force: true});
	}
}, 30_000);

function startSource(tuning: Partial<WatchTuning> = {}, resources?: Array<'services' | 'rollouts'>): Source {
	const source = createClusterSource(loadKubeConfig({kubeconfig: paths!.kubeconfig}).kc, {namespace, resources, tuning});
	sources.push(source);
	source.start();
	return source;
}

/** The object sets of the kinds `source` watches (the others stay empty in its snapshot). */
function watchedSets(source: Source): Partial<ObjectSets> {
	const snapshot = source.getSnapshot();
	const setOf: Record<string, keyof ObjectSets> = Object.fromEntries(KINDS.map((kind) => [kind.resource, kind.set]));
	const sets: Partial<ObjectSets> = {};
	for (const watch of snapshot.watches) Object.assign(sets, {[setOf[watch.resource]!]: snapshot.objects[setOf[watch.resource]!]});
	return withoutEvents(sets);
}

/** Waits until the snapshot equals a fresh LIST (names and resourceVersions); the Argo controller may still be writing. */
async function expectMatchesList(source: Source, what: string): Promise<void> {
	let last = '';
	await waitFor(
		async () => {
			const server = JSON.stringify(await listState(kc, namespace, Object.keys(watchedSets(source)) as Array<keyof ObjectSets>));
			const local = JSON.stringify(summarize(watchedSets(source)));
			last = `snapshot ${local} vs LIST ${server}`;
			return local === server;
		},
		{timeoutMs: PHASE_MS.matchList, intervalMs: 300, description: `${what}: the snapshot to equal a fresh LIST`},
	).catch((error: Error) => {
		throw new Error(`${error.message}; last: ${last}`);
	});
}

const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

let source: Source;
let sourceStatuses: StatusChange[];
/** Short server-side watch timeouts, so the cacher sends a bookmark (2 s before each watch's deadline) within seconds. */
let bookmarkSource: Source;

describe('cluster source on an API server with its watch cache', () => {
	it('lists and watches, and resumes from the resourceVersion of a bookmark', {timeout: 40_000}, async () => {
		const core = kc.makeApiClient(k8s.CoreV1Api);
		await createBlueGreen(blueGreenManifest({name: 'shop', namespace, replicas: 1}), kc);
		for (const name of ['web', 'doomed-sigterm', 'doomed-sigkill']) await core.createNamespacedService({namespace, body: service(name)});

		source = startSource();
		sourceStatuses = recordStatuses(source);
		bookmarkSource = startSource({watchTimeoutSeconds: 4, healthyAfterMs: 3000}, ['services', 'rollouts']);
		await Promise.all([source.ready(), bookmarkSource.ready()]);
		for (const each of [source, bookmarkSource]) {
			await timeUntil(each, (s) => allLive(s) && names(s.objects.services).includes('doomed-sigkill') && names(s.objects.rollouts).includes('shop'), PHASE_MS.ready, () => 'live with the Services and the Rollout');
		}
		await expectMatchesList(source, 'after start');
		await expectMatchesList(bookmarkSource, 'after start (bookmark source)');

		// Bookmarks keep a namespaced watch's resourceVersion fresh while only other namespaces change:
		// writes there move the cacher on, a bookmark carries its resourceVersion to our watch (which
		// sees no object event), and the next watch resumes from it.
		const phaseStart = Date.now();
		await core.createNamespace({body: {metadata: {name: 'elsewhere'}}});
		const other = await core.createNamespacedService({namespace: 'elsewhere', body: service('other')});
		const written = [other.metadata?.resourceVersion];
		const objectVersions = () => new Set(traffic.requests.flatMap((r) => r.events).filter((e) => e.type !== 'BOOKMARK').map((e) => e.resourceVersion));
		const resumedFromBookmark = () => {
			const watches = traffic.requests.filter((request) => request.watch && request.resource === 'services' && request.timeoutSeconds === 4);
			for (let i = 0; i + 1 < watches.length; i++) {
				const lastEvent = watches[i]!.events.at(-1);
				if (lastEvent?.type === 'BOOKMARK' && watches[i + 1]!.resourceVersion === lastEvent.resourceVersion && !objectVersions().has(lastEvent.resourceVersion)) {
					return {bookmark: lastEvent, stream: watches[i]!};
				}
			}
			return undefined;
		};
		let tick = 0;
		const resumed = await waitFor(
			async () => {
				const hit = resumedFromBookmark();
				if (hit) return hit;
				const patched = await core.patchNamespacedService({namespace: 'elsewhere', name: 'other', body: {metadata: {labels: {tick: String(++tick)}}}}, mergePatch);
				written.push(patched.metadata?.resourceVersion);
				return undefined;
			},
			{timeoutMs: 20_000, intervalMs: 1000, description: 'a services watch resumed from a bookmark'},
		).catch((error: Error) => {
			throw new Error(`${error.message}; writes elsewhere at ${written.join(', ')}; services: ${timeline('services', phaseStart)}`);
		});
		console.log(
			`[watch-cache] bookmark at resourceVersion ${resumed.bookmark.resourceVersion} ${resumed.bookmark.at - resumed.stream.at}ms after its watch opened,` +
				` the next watch resumed from it (writes in another namespace: ${written.join(', ')}); services: ${timeline('services', resumed.stream.at)}`,
		);
	});

	for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
		it(`recovers by itself after the API server is restarted with ${signal}, and matches a fresh LIST`, {timeout: 60_000}, async () => {
			const core = kc.makeApiClient(k8s.CoreV1Api);
			const custom = kc.makeApiClient(k8s.CustomObjectsApi);
			const t0 = Date.now();
			await stopComponent('kube-apiserver', {stateDir: paths!.stateDir, signal});
			const stoppedMs = Date.now() - t0;
			await startComponent('kube-apiserver', {stateDir: paths!.stateDir});
			const readyMs = Date.now() - t0;

			// Changes right after /readyz, most likely before the watches are back.
			const tag = signal.toLowerCase();
			const born = `born-${tag}`;
			await core.createNamespacedService({namespace, body: service(born)});
			await core.patchNamespacedService({namespace, name: 'web', body: {metadata: {labels: {restart: signal}}}}, mergePatch);
			await core.deleteNamespacedService({namespace, name: `doomed-${tag}`});
			await custom.patchNamespacedCustomObject({...ROLLOUT, namespace, name: 'shop', body: {metadata: {labels: {restart: signal}}}}, mergePatch);
			const writtenAt = Date.now();

			const changed = (s: Snapshot) =>
				allLive(s) &&
				names(s.objects.services).includes(born) &&
				!names(s.objects.services).includes(`doomed-${tag}`) &&
				find(s.objects.services, 'web')?.metadata?.labels?.['restart'] === signal &&
				find(s.objects.rollouts, 'shop')?.metadata?.labels?.['restart'] === signal;
			const report = () =>
				`changes after the ${signal} restart; ${recovery(sourceStatuses, t0)}; services: ${timeline('services', t0)}; rollouts: ${timeline('rollouts', t0)}`;
			const [seenMs, bookmarkSeenMs] = await Promise.all([
				timeUntil(source, changed, PHASE_MS.recover, report),
				timeUntil(bookmarkSource, changed, PHASE_MS.recover, report),
			]);
			console.log(
				`[watch-cache] ${signal}: stopped in ${stoppedMs}ms, ready again at ${readyMs}ms, writes done at ${writtenAt - t0}ms;` +
					` changes in the snapshot ${Math.round(seenMs)}ms after the writes (bookmark source ${Math.round(bookmarkSeenMs)}ms); ${report()}`,
			);
			// The cache-specific answers were seen: 429 while the new cache filled, or 410 Gone because it has no history.
			const cacheAnswers = traffic.requests.filter(
				(r) => r.at >= t0 && r.watch && (r.outcome === 429 || r.outcome === 410 || r.events.some((e) => e.type === 'ERROR' && e.code === 410)),
			);
			expect(cacheAnswers.length, report()).toBeGreaterThan(0);
			await expectMatchesList(source, `after the ${signal} restart`);
			await expectMatchesList(bookmarkSource, `after the ${signal} restart (bookmark source)`);

			// The streams are real again: a new change arrives within a second.
			const after = `after-${tag}`;
			await core.createNamespacedService({namespace, body: service(after)});
			await timeUntil(source, (s) => names(s.objects.services).includes(after), 1000, () => `Service ${after}`);
		});
	}
});
