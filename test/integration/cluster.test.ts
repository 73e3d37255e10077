/**
 * The launcher itself: all components up, the read-only user is read-only, and a
 * kube-apiserver restart keeps port and data while the controllers carry on.
 */
import * as k8s from '@kubernetes/client-node';
import {describe, expect, test} from 'vitest';
import {status} from '../cluster/cluster.js';
import {
	ROLLOUT,
	blueGreenManifest,
	createBlueGreen,
	createNamespace,
	getCluster,
	getRollout,
	kubeConfig,
	readonlyKubeConfig,
	restartApiServer,
	waitFor,
} from './helpers.js';

describe('local cluster', () => {
	test('every component runs and the fake nodes are Ready', async () => {
		const s = await status();
		expect(s.components.filter((c) => !c.running).map((c) => c.name)).toEqual([]);
		expect(s.apiserverReady).toBe(true);
		const nodes = await kubeConfig().makeApiClient(k8s.CoreV1Api).listNode();
		expect(nodes.items.length).toBeGreaterThanOrEqual(2);
		for (const node of nodes.items) {
			expect(node.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
			expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
		}
	});

	test('the read-only user can list and watch rollouts but not change them', async () => {
		const namespace = await createNamespace('readonly');
		const viewer = readonlyKubeConfig();
		const custom = viewer.makeApiClient(k8s.CustomObjectsApi);
		await custom.listNamespacedCustomObject({...ROLLOUT, namespace});
		await viewer.makeApiClient(k8s.CoreV1Api).listNamespacedPod({namespace});
		await viewer.makeApiClient(k8s.AppsV1Api).listNamespacedReplicaSet({namespace});
		const {rollout} = blueGreenManifest({name: 'denied', namespace});
		const error = await custom.createNamespacedCustomObject({...ROLLOUT, namespace, body: rollout}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(k8s.ApiException);
		expect((error as k8s.ApiException<unknown>).code).toBe(403);
		const secrets = await viewer.makeApiClient(k8s.CoreV1Api).listNamespacedSecret({namespace}).catch((e: unknown) => e);
		expect((secrets as k8s.ApiException<unknown>).code).toBe(403);
	});

	test('restartApiServer keeps the port and the data; the controllers reconnect', {timeout: 120_000}, async () => {
		const namespace = await createNamespace('restart');
		const before = getCluster().ports?.apiserver;
		await restartApiServer({downtimeMs: 1000, compact: true});
		expect(getCluster().ports?.apiserver).toBe(before);
		// Data survived (etcd untouched) ...
		await kubeConfig().makeApiClient(k8s.CoreV1Api).readNamespace({name: namespace});
		// ... and the Argo controller, kube-controller-manager, scheduler and kwok still do their jobs.
		await createBlueGreen(blueGreenManifest({name: 'after-restart', namespace, replicas: 1}));
		await waitFor(async () => (await getRollout(namespace, 'after-restart')).status?.phase === 'Healthy', {
			timeoutMs: 30_000,
			description: 'a rollout created after the restart to become Healthy',
		});
	});
});
