// createClusterSource against a scripted loopback server: snapshot identity,
// lazy arrays, ready(), stop().
import type http from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import type {Source} from '../../source/kube/source.js';
import {FakeApiServer, kubeConfigFor, sendEvent, sendList, sendStatus, startStream, until} from './kube-fake-server.js';

const servers: FakeApiServer[] = [];
const sources: Source[] = [];
afterEach(async () => {
	for (const source of sources.splice(0)) source.stop();
	for (const server of servers.splice(0)) await server.close();
});

const tuning = {backoff: {initialMs: 50, maxMs: 200, factor: 2, jitter: 0}, slowRetryMs: 5000};

async function start(options: {ingressForbidden?: boolean; rolloutsMissing?: boolean} = {}) {
	const streams = new Map<string, http.ServerResponse>();
	const fake = new FakeApiServer((req, res) => {
		if (options.ingressForbidden && req.path.endsWith('/ingresses')) return sendStatus(res, 403);
		if (options.rolloutsMissing && req.path.includes('argoproj.io')) return sendStatus(res, 404);
		if (!req.watch) {
			const items = req.path.endsWith('/pods') ? [{metadata: {name: 'p1', namespace: 'shop', resourceVersion: '1'}}] : [];
			return sendList(res, items, '1');
		}
		startStream(res);
		streams.set(req.path.split('/').pop()!, res);
	});
	servers.push(fake);
	const source = createClusterSource(kubeConfigFor(await fake.listen()), {namespace: 'shop', tuning});
	sources.push(source);
	let notified = 0;
	source.subscribe(() => notified++);
	source.start();
	return {fake, source, streams, notified: () => notified};
}

describe('createClusterSource', () => {
	it('watches the nine kinds on namespaced paths', async () => {
		const {fake, source} = await start();
		await source.ready();
		expect(new Set(fake.lists.map((r) => r.path))).toEqual(
			new Set([
				'/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts',
				'/apis/argoproj.io/v1alpha1/namespaces/shop/analysisruns',
				'/apis/argoproj.io/v1alpha1/namespaces/shop/experiments',
				'/apis/apps/v1/namespaces/shop/replicasets',
				'/api/v1/namespaces/shop/pods',
				'/api/v1/namespaces/shop/services',
				'/apis/networking.k8s.io/v1/namespaces/shop/ingresses',
				'/apis/apps/v1/namespaces/shop/deployments',
				'/apis/events.k8s.io/v1/namespaces/shop/events',
			]),
		);
		expect(source.getSnapshot().objects.pods.map((p) => p.metadata?.name)).toEqual(['p1']);
	});

	it('keeps the snapshot and unchanged arrays by reference, and bumps version on change', async () => {
		const {source, streams, notified} = await start();
		await until(() => source.getSnapshot().watches.every((w) => w.state === 'live') && streams.size === 9, 'all live');
		const first = source.getSnapshot();
		expect(source.getSnapshot()).toBe(first);

		const before = notified();
		sendEvent(streams.get('services')!, 'ADDED', {metadata: {name: 's1', namespace: 'shop', resourceVersion: '2'}});
		await until(() => source.getSnapshot() !== first, 'a new snapshot');
		const second = source.getSnapshot();
		expect(second.version).toBeGreaterThan(first.version);
		expect(second.objects.services.map((s) => s.metadata?.name)).toEqual(['s1']);
		expect(second.objects.pods).toBe(first.objects.pods);
		expect(second.objects.rollouts).toBe(first.objects.rollouts);
		expect(second.watches).toBe(first.watches);
		expect(notified()).toBeGreaterThan(before);
		expect(source.getSnapshot()).toBe(second);
	});

	it('is ready when kinds are unavailable, and says why', async () => {
		const {source} = await start({ingressForbidden: true, rolloutsMissing: true});
		await source.ready();
		await until(() => source.getSnapshot().watches.every((w) => w.state !== 'connecting'), 'settled');
		const byKind = Object.fromEntries(source.getSnapshot().watches.map((w) => [w.resource, w]));
		expect(byKind['ingresses']).toMatchObject({state: 'unavailable', reason: 'forbidden: cannot list ingresses.networking.k8s.io in namespace shop'});
		expect(byKind['rollouts']).toMatchObject({state: 'unavailable', reason: 'not installed (no CRD for rollouts.argoproj.io)'});
		expect(byKind['pods']?.state).toBe('live');
	});

	it('stop() closes every stream', async () => {
		const {fake, source, streams} = await start();
		await until(() => streams.size === 9 && fake.openStreams === 9, 'nine streams');
		source.stop();
		await until(() => fake.openStreams === 0, 'all closed');
	});
});
