// The cluster Source against the real local control plane (kube-apiserver,
// etcd, kwok, Argo Rollouts controller): no mocks. Shows that changes reach
// the snapshot within a second, that the watches heal themselves after the
// API server restarts, and how RBAC denials and bad credentials are reported.
import {UNAUTHORIZED} from '../../source/kube/error-words.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import yaml from 'js-yaml';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import type {Source} from '../../source/kube/source.js';
import {describeWatches} from '../../source/kube/watch-status.js';
import {
	blueGreenManifest,
	createBlueGreen,
	createNamespace,
	getCluster,
	kubeConfig,
	restartApiServer,
	ROLLOUT,
	waitFor,
} from './helpers.js';
import {allLive, find, listState, names, service, summarize, timeUntil, withoutEvents} from './source-helpers.js';

const sources: Source[] = [];
afterEach(() => {
	for (const source of sources.splice(0)) source.stop();
});

let tmpDir: string;
beforeAll(() => {
	tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-it-'));
});
afterAll(() => {
	fs.rmSync(tmpDir, {recursive: true, force: true});
});

function startSource(namespace: string | null, kubeconfig = getCluster().kubeconfig, tuning = {}): Source {
	const {kc} = loadKubeConfig({kubeconfig});
	const source = createClusterSource(kc, {namespace, tuning});
	sources.push(source);
	source.start();
	return source;
}

/** A kubeconfig like the admin one, with its user changed; written to a private temp file. */
function derivedKubeconfig(name: string, user: Record<string, unknown>): string {
	const admin = yaml.load(fs.readFileSync(getCluster().kubeconfig, 'utf8')) as {
		users: Array<{name: string; user: Record<string, unknown>}>;
	} & Record<string, unknown>;
	const file = path.join(tmpDir, name);
	const adminUser = admin.users[0]!;
	// An undefined value removes that key.
	const merged = Object.fromEntries(Object.entries({...adminUser.user, ...user}).filter(([, value]) => value !== undefined));
	fs.writeFileSync(file, yaml.dump({...admin, users: [{name: adminUser.name, user: merged}]}), {mode: 0o600});
	return file;
}

describe('cluster source on a real API server', () => {
	it('shows objects created, changed and deleted within one second', {timeout: 120_000}, async () => {
		const namespace = await createNamespace('watch-live');
		const core = kubeConfig().makeApiClient(k8s.CoreV1Api);
		const source = startSource(namespace);
		await source.ready();
		await timeUntil(source, allLive, 10_000, 'all watches live');
		expect(source.getSnapshot().objects.services).toEqual([]);

		await core.createNamespacedService({namespace, body: service('web')});
		expect(await timeUntil(source, (s) => names(s.objects.services).includes('web'), 1000, 'created Service')).toBeLessThan(1000);

		await core.patchNamespacedService(
			{namespace, name: 'web', body: {metadata: {labels: {colour: 'green'}}}},
			k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
		);
		await timeUntil(source, (s) => find(s.objects.services, 'web')?.metadata?.labels?.['colour'] === 'green', 1000, 'changed Service');

		await core.deleteNamespacedService({namespace, name: 'web'});
		await timeUntil(source, (s) => !names(s.objects.services).includes('web'), 1000, 'deleted Service');

		// A custom resource, and what the real Argo controller and kwok make of it.
		const manifest = blueGreenManifest({name: 'shop', namespace, replicas: 2});
		await createBlueGreen(manifest);
		await timeUntil(source, (s) => names(s.objects.rollouts).includes('shop'), 1000, 'created Rollout');
		// The controller's ReplicaSet shows up too (pods follow, but depend on the shared cluster's other controllers).
		await timeUntil(source, (s) => s.objects.replicaSets.length > 0, 60_000, 'ReplicaSet from the Argo controller');
		const rollout = find(source.getSnapshot().objects.rollouts, 'shop')!;
		expect(rollout.kind).toBe('Rollout');
		expect(rollout.metadata).not.toHaveProperty('managedFields');

		const custom = kubeConfig().makeApiClient(k8s.CustomObjectsApi);
		await custom.deleteNamespacedCustomObject({...ROLLOUT, namespace, name: 'shop'});
		await timeUntil(source, (s) => !names(s.objects.rollouts).includes('shop'), 1000, 'deleted Rollout');
	});

	it('watches all namespaces with the read-only user', async () => {
		const namespace = await createNamespace('watch-all');
		const source = startSource(null, getCluster().kubeconfigReadonly);
		await source.ready();
		await timeUntil(source, allLive, 10_000, 'all watches live');
		await kubeConfig().makeApiClient(k8s.CoreV1Api).createNamespacedService({namespace, body: service('everywhere')});
		await timeUntil(
			source,
			(s) => s.objects.services.some((item) => item.metadata?.name === 'everywhere' && item.metadata.namespace === namespace),
			1000,
			'Service in another namespace',
		);
	});

	it('recovers by itself after the API server stops and starts, and matches a fresh LIST', {timeout: 240_000}, async () => {
		const namespace = await createNamespace('watch-restart');
		const core = kubeConfig().makeApiClient(k8s.CoreV1Api);
		await createBlueGreen(blueGreenManifest({name: 'shop', namespace, replicas: 2}));
		await core.createNamespacedService({namespace, body: service('doomed')});
		for (const name of ['bare-1', 'bare-2']) {
			await core.createNamespacedPod({namespace, body: {metadata: {name}, spec: {containers: [{name: 'c', image: 'example/app:1'}]}}});
		}

		const source = startSource(namespace);
		await source.ready();
		await timeUntil(source, (s) => allLive(s) && s.objects.pods.length >= 2 && s.objects.rollouts.length === 1, 60_000, 'live with pods and the rollout');

		const states = new Set<string>();
		const unsubscribe = source.subscribe(() => {
			for (const watch of source.getSnapshot().watches) states.add(watch.state);
		});

		await restartApiServer({downtimeMs: 2000});
		// Changes right after the restart, most likely before the watches are back.
		await core.createNamespacedService({namespace, body: service('born-after-restart')});
		await core.deleteNamespacedService({namespace, name: 'doomed'});
		await core.deleteNamespacedPod({namespace, name: 'bare-1', gracePeriodSeconds: 0});

		await timeUntil(source, allLive, 90_000, 'all watches live again');
		unsubscribe();
		expect(states.has('reconnecting')).toBe(true);

		// Eventually equal: the controller and kwok may still be writing.
		await waitFor(async () => JSON.stringify(summarize(withoutEvents(source.getSnapshot().objects))) === JSON.stringify(await listState(kubeConfig(), namespace)), {
			timeoutMs: 15_000,
			description: 'the snapshot to match a fresh LIST',
		});
		const services = names(source.getSnapshot().objects.services);
		expect(services).toContain('born-after-restart');
		expect(services).not.toContain('doomed');
		expect(names(source.getSnapshot().objects.pods)).not.toContain('bare-1');

		// And the streams are real again: a new change still arrives within a second.
		await core.createNamespacedService({namespace, body: service('after-recovery')});
		await timeUntil(source, (s) => names(s.objects.services).includes('after-recovery'), 1000, 'Service after recovery');
	});

	it('reports RBAC denials per kind and picks up a later grant', {timeout: 120_000}, async () => {
		const namespace = await createNamespace('watch-rbac');
		const user = `nobody-${randomBytes(3).toString('hex')}`;
		// The admin's certificate, impersonating a user with no rights at all.
		const kubeconfig = derivedKubeconfig('impersonating', {as: user});
		const source = startSource(namespace, kubeconfig, {slowRetryMs: 1000});
		await source.ready();
		const snapshot = source.getSnapshot();
		expect(snapshot.watches.every((watch) => watch.state === 'unavailable')).toBe(true);
		const pods = snapshot.watches.find((watch) => watch.resource === 'pods')!;
		expect(pods.reason).toBe(`forbidden: cannot list pods in namespace ${namespace}`);
		expect(describeWatches(snapshot.watches, Date.now()).severity).toBe('warn');

		const rbac = kubeConfig().makeApiClient(k8s.RbacAuthorizationV1Api);
		await rbac.createNamespacedRole({
			namespace,
			body: {metadata: {name: 'pods-only'}, rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch']}]},
		});
		await rbac.createNamespacedRoleBinding({
			namespace,
			body: {
				metadata: {name: 'pods-only'},
				roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pods-only'},
				subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user}],
			},
		});
		await timeUntil(source, (s) => s.watches.find((watch) => watch.resource === 'pods')?.state === 'live', 20_000, 'pods live after the grant');
		// Waits rather than reads once: the shared API server may be restarted by another test meanwhile.
		const servicesForbidden = `forbidden: cannot list services in namespace ${namespace}`;
		await timeUntil(source, (s) => s.watches.find((watch) => watch.resource === 'services')?.reason === servicesForbidden, 20_000, 'services still forbidden');
		expect(source.getSnapshot().watches.find((watch) => watch.resource === 'services')?.state).toBe('unavailable');
	});

	it('fails on rejected credentials without revealing them', async () => {
		const token = `bogus-${randomBytes(16).toString('hex')}`;
		const kubeconfig = derivedKubeconfig('bogus-token', {
			token,
			'client-certificate-data': undefined,
			'client-key-data': undefined,
		});
		const source = startSource('default', kubeconfig);
		await source.ready();
		const {watches} = source.getSnapshot();
		expect(watches.every((watch) => watch.state === 'failed' && watch.reason === UNAUTHORIZED)).toBe(true);
		const summary = describeWatches(watches, Date.now());
		expect(summary).toEqual({summary: UNAUTHORIZED, severity: 'error'});
		expect(JSON.stringify(watches)).not.toContain(token);
	});
});
