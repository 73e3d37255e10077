/**
 * Helpers for integration tests against the local control plane started by
 * global-setup.ts (real kube-apiserver, kwok nodes, real Argo Rollouts controller).
 */
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {afterAll, inject} from 'vitest';
import {
	clusterPaths,
	compactEtcd,
	readPortsSync,
	readStateSync,
	startComponent,
	stopComponent,
	waitForDefaultServiceAccount,
	type ClusterPorts,
} from '../cluster/cluster.js';
import {blueGreenManifest, POD_HASH_LABEL, ROLLOUT, type BlueGreenManifest, type RolloutObject} from '../cluster/manifests.js';

export interface ClusterInfo {
	stateDir: string;
	/** Admin kubeconfig (system:masters). Never print its contents. */
	kubeconfig: string;
	/** Kubeconfig of `rollouts-viewer`: get/list/watch on rollouts, analysisruns, experiments, replicasets, deployments, pods, services, ingresses. */
	kubeconfigReadonly: string;
	/** Directory with the built binaries (rollouts-controller, kubectl-argo-rollouts, ...). */
	binDir: string;
	/** The official `kubectl-argo-rollouts` plugin binary. */
	pluginBinary: string;
	ports: ClusterPorts | undefined;
}

function injected<K extends 'clusterKubeconfig' | 'clusterKubeconfigReadonly' | 'clusterStateDir' | 'clusterBinDir'>(key: K): string | undefined {
	try {
		return inject(key);
	} catch {
		return undefined;
	}
}

/** Paths of the running cluster (from the global setup, else the env vars, else `<repo>/.cluster`). */
export function getCluster(): ClusterInfo {
	const stateDir = injected('clusterStateDir') ?? process.env.ROLLOUTS_TUI_CLUSTER_DIR ?? clusterPaths().stateDir;
	const paths = clusterPaths(stateDir);
	const binDir = injected('clusterBinDir') ?? process.env.ROLLOUTS_TUI_BIN_DIR ?? readStateSync(paths)?.binDir ?? '';
	return {
		stateDir,
		kubeconfig: injected('clusterKubeconfig') ?? process.env.ROLLOUTS_TUI_KUBECONFIG ?? paths.kubeconfig,
		kubeconfigReadonly: injected('clusterKubeconfigReadonly') ?? process.env.ROLLOUTS_TUI_KUBECONFIG_READONLY ?? paths.kubeconfigReadonly,
		binDir,
		pluginBinary: path.join(binDir, 'kubectl-argo-rollouts'),
		ports: readPortsSync(paths),
	};
}

/** client-node KubeConfig for the admin user. */
export function kubeConfig(): k8s.KubeConfig {
	const kc = new k8s.KubeConfig();
	kc.loadFromFile(getCluster().kubeconfig);
	return kc;
}

/** client-node KubeConfig for the read-only user `rollouts-viewer`. */
export function readonlyKubeConfig(): k8s.KubeConfig {
	const kc = new k8s.KubeConfig();
	kc.loadFromFile(getCluster().kubeconfigReadonly);
	return kc;
}

export interface WaitForOptions {
	timeoutMs?: number;
	intervalMs?: number;
	description?: string;
}

/**
 * Polls `fn` until it returns a truthy value and resolves with it. Errors thrown
 * by `fn` count as "not yet". On timeout the error names `description` and the
 * last error or value seen.
 */
export async function waitFor<T>(
	fn: () => T | Promise<T>,
	{timeoutMs = 30_000, intervalMs = 250, description = 'condition'}: WaitForOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
	const started = Date.now();
	let last: string | undefined;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
			last = `last value: ${JSON.stringify(value)}`;
		} catch (error) {
			last = `last error: ${error instanceof k8s.ApiException ? `HTTP ${error.code} ${String(error.body).slice(0, 200)}` : error instanceof Error ? error.message : String(error)}`;
		}
		if (Date.now() - started >= timeoutMs) {
			throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(1)}s waiting for ${description}${last ? ` (${last})` : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

const createdNamespaces = new Set<string>();

/**
 * Creates a namespace `<prefix>-<random>` and waits for its `default`
 * ServiceAccount (pods are rejected until it exists). It is deleted after the
 * test file (afterAll), or earlier with `deleteNamespace`.
 */
export async function createNamespace(prefix: string): Promise<string> {
	const base = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'test';
	const name = `${base}-${randomBytes(3).toString('hex')}`;
	const kc = kubeConfig();
	await kc.makeApiClient(k8s.CoreV1Api).createNamespace({body: {metadata: {name, labels: {'rollouts-tui/test': 'true'}}}});
	createdNamespaces.add(name);
	await waitForDefaultServiceAccount(kc, name);
	return name;
}

/** Deletes a namespace (does not wait for finalization). */
export async function deleteNamespace(name: string): Promise<void> {
	createdNamespaces.delete(name);
	try {
		await kubeConfig().makeApiClient(k8s.CoreV1Api).deleteNamespace({name});
	} catch (error) {
		if (!(error instanceof k8s.ApiException && error.code === 404)) throw error;
	}
}

afterAll(async () => {
	await Promise.all([...createdNamespaces].map((name) => deleteNamespace(name).catch(() => {})));
});

export interface RestartApiServerOptions {
	/** Keep kube-apiserver down this long before starting it again (default 0). */
	downtimeMs?: number;
	/**
	 * 'SIGKILL' (default) simulates a crash; 'SIGTERM' shuts down gracefully (3 s,
	 * then SIGKILL). After a graceful shutdown the Argo controller's informers
	 * (client-go 0.34) typically need 40-60 s before they see new objects again;
	 * after SIGKILL (with the default watch-cache-less apiserver) well under a second.
	 */
	signal?: 'SIGKILL' | 'SIGTERM';
	/** Compact etcd while the apiserver is down, so every resumed watch gets 410 Gone and must re-list. */
	compact?: boolean;
	/**
	 * After /readyz, wait until the controllers act on new objects again (a probe
	 * blue-green Rollout in namespace `rollouts-tui-probe` becomes Healthy; it is
	 * deleted afterwards). Default true.
	 */
	waitForControllers?: boolean;
	/** Bound for waitForControllers (default 120 s). */
	timeoutMs?: number;
}

/**
 * Stops kube-apiserver and starts it again with the same port, certificates and
 * etcd data; resolves when /readyz answers again and (by default) the
 * controllers reconcile new objects again.
 */
export async function restartApiServer({
	downtimeMs = 0,
	signal = 'SIGKILL',
	compact = false,
	waitForControllers = true,
	timeoutMs = 120_000,
}: RestartApiServerOptions = {}): Promise<void> {
	await stopComponent('kube-apiserver', {signal});
	if (compact) await compactEtcd();
	if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
	await startComponent('kube-apiserver');
	if (waitForControllers) await probeControllers(timeoutMs);
}

const PROBE_NAMESPACE = 'rollouts-tui-probe';

/** Creates a small blue-green Rollout, waits until it is Healthy (Argo, KCM, scheduler and kwok all acted), deletes it. */
export async function probeControllers(timeoutMs = 120_000): Promise<void> {
	const kc = kubeConfig();
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const custom = kc.makeApiClient(k8s.CustomObjectsApi);
	await waitFor(
		async () => {
			try {
				await core.createNamespace({body: {metadata: {name: PROBE_NAMESPACE}}});
			} catch (error) {
				if (!(error instanceof k8s.ApiException && error.code === 409)) throw error;
			}
			return true;
		},
		{timeoutMs: 30_000, description: `namespace ${PROBE_NAMESPACE}`},
	);
	await waitForDefaultServiceAccount(kc, PROBE_NAMESPACE);
	const name = `probe-${randomBytes(3).toString('hex')}`;
	const manifest = blueGreenManifest({name, namespace: PROBE_NAMESPACE, replicas: 1});
	await createBlueGreen(manifest, kc);
	try {
		await waitFor(async () => (await getRollout(PROBE_NAMESPACE, name, kc)).status?.phase === 'Healthy', {
			timeoutMs,
			intervalMs: 200,
			description: 'the controllers to reconcile a probe Rollout after the kube-apiserver restart',
		});
	} finally {
		await Promise.allSettled([
			custom.deleteNamespacedCustomObject({...ROLLOUT, namespace: PROBE_NAMESPACE, name}),
			core.deleteNamespacedService({namespace: PROBE_NAMESPACE, name}),
			core.deleteNamespacedService({namespace: PROBE_NAMESPACE, name: `${name}-preview`}),
		]);
	}
}

// ---------------------------------------------------------------------------
// Rollouts
// ---------------------------------------------------------------------------

export {
	BLUE_IMAGE,
	blueGreenManifest,
	GREEN_IMAGE,
	POD_HASH_LABEL,
	ROLLOUT,
	type BlueGreenManifest,
	type BlueGreenOptions,
	type RolloutObject,
} from '../cluster/manifests.js';

/** Creates the Services and the Rollout of a manifest (admin user). */
export async function createBlueGreen(manifest: BlueGreenManifest, kc = kubeConfig()): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const custom = kc.makeApiClient(k8s.CustomObjectsApi);
	const namespace = manifest.rollout.metadata.namespace!;
	await core.createNamespacedService({namespace, body: manifest.activeService});
	await core.createNamespacedService({namespace, body: manifest.previewService});
	await custom.createNamespacedCustomObject({...ROLLOUT, namespace, body: manifest.rollout});
}

export async function getRollout(namespace: string, name: string, kc = kubeConfig()): Promise<RolloutObject> {
	return (await kc.makeApiClient(k8s.CustomObjectsApi).getNamespacedCustomObject({...ROLLOUT, namespace, name})) as RolloutObject;
}

/**
 * Creates a manifest (createBlueGreen) and waits until its Rollout is Healthy with
 * a stable ReplicaSet and all replicas Ready; resolves with the Rollout.
 */
export async function createHealthyBlueGreen(manifest: BlueGreenManifest, kc = kubeConfig()): Promise<RolloutObject> {
	const namespace = manifest.rollout.metadata.namespace!;
	const name = manifest.rollout.metadata.name!;
	const replicas = manifest.rollout.spec.replicas;
	await createBlueGreen(manifest, kc);
	return waitFor(
		async () => {
			const r = await getRollout(namespace, name, kc);
			return r.status?.phase === 'Healthy' && r.status.stableRS && r.status.readyReplicas === replicas ? r : undefined;
		},
		{timeoutMs: 45_000, description: `rollout ${namespace}/${name} to become Healthy`},
	);
}

/** Sets the image of the first container (JSON patch, client-node's default patch type). */
export async function setRolloutImage(namespace: string, name: string, image: string, kc = kubeConfig()): Promise<void> {
	await kc.makeApiClient(k8s.CustomObjectsApi).patchNamespacedCustomObject({
		...ROLLOUT,
		namespace,
		name,
		body: [{op: 'replace', path: '/spec/template/spec/containers/0/image', value: image}],
	});
}

/**
 * Promotes a paused blue-green rollout the way `kubectl argo rollouts promote`
 * does: a merge patch on the /status subresource clearing pauseConditions.
 */
export async function promoteRollout(namespace: string, name: string, kc = kubeConfig()): Promise<void> {
	await kc.makeApiClient(k8s.CustomObjectsApi).patchNamespacedCustomObjectStatus(
		{...ROLLOUT, namespace, name, body: {status: {pauseConditions: null}}},
		k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
	);
}

/** ReplicaSets owned by the rollout, keyed by their pod-template hash. */
export async function rolloutReplicaSets(namespace: string, name: string, kc = kubeConfig()): Promise<Map<string, k8s.V1ReplicaSet>> {
	const list = await kc.makeApiClient(k8s.AppsV1Api).listNamespacedReplicaSet({namespace});
	const result = new Map<string, k8s.V1ReplicaSet>();
	for (const rs of list.items) {
		const owned = rs.metadata?.ownerReferences?.some((o) => o.kind === 'Rollout' && o.name === name);
		const hash = rs.metadata?.labels?.[POD_HASH_LABEL];
		if (owned && hash) result.set(hash, rs);
	}
	return result;
}

/** The `rollouts-pod-template-hash` a Service currently selects (undefined if none). */
export async function serviceSelectorHash(namespace: string, name: string, kc = kubeConfig()): Promise<string | undefined> {
	const service = await kc.makeApiClient(k8s.CoreV1Api).readNamespacedService({namespace, name});
	return service.spec?.selector?.[POD_HASH_LABEL];
}

/** Ready pods (condition Ready=True, not terminating) with the given pod-template hash. */
export async function readyPods(namespace: string, hash: string, kc = kubeConfig()): Promise<k8s.V1Pod[]> {
	const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespacedPod({namespace, labelSelector: `${POD_HASH_LABEL}=${hash}`});
	return list.items.filter(
		(pod) => !pod.metadata?.deletionTimestamp && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
	);
}
