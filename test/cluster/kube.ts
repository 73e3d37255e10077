/** client-node helpers for creating and waiting for cluster objects. */
import * as k8s from '@kubernetes/client-node';
import {failure} from './logs.js';
import {clusterPaths} from './paths.js';
import {apiCode, ClusterError, errorText, sleep} from './util.js';

/** client-node KubeConfig of the admin user. */
export function adminKubeConfig(paths = clusterPaths()): k8s.KubeConfig {
	const kc = new k8s.KubeConfig();
	kc.loadFromFile(paths.kubeconfig);
	return kc;
}

/** Creates an object; an existing one (409) counts as created. */
export async function createIgnoringConflict(what: string, create: () => Promise<unknown>): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			await create();
			return;
		} catch (error) {
			if (apiCode(error) === 409) return;
			// Right after /readyz some resources may still be settling; retry transient failures briefly.
			if (attempt < 20 && (apiCode(error) === undefined || (apiCode(error) ?? 0) >= 500 || apiCode(error) === 404)) {
				await sleep(500);
				continue;
			}
			throw new ClusterError(`creating ${what} failed: ${errorText(error)}`);
		}
	}
}

/** Waits for the namespace's `default` ServiceAccount (pods are rejected by admission until it exists). */
export async function waitForDefaultServiceAccount(kc: k8s.KubeConfig, namespace: string, timeoutMs = 60_000): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		try {
			await core.readNamespacedServiceAccount({name: 'default', namespace});
			return;
		} catch (error) {
			last = errorText(error);
		}
		await sleep(200);
	}
	const paths = clusterPaths();
	throw failure('kube-controller-manager', `timed out waiting for ServiceAccount ${namespace}/default (${last})`, paths);
}
