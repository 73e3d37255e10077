// The changes the side-by-side bench makes, on a real blue-green Rollout of
// the local control plane: create it, change its image, delete a pod, scale.
// Each change resolves when the API call returned (the "mark").
import * as k8s from '@kubernetes/client-node';
import {waitForDefaultServiceAccount} from '../cluster/kube.js';
import {blueGreenManifest, POD_HASH_LABEL, ROLLOUT, type RolloutObject} from '../cluster/manifests.js';
import {sleep} from './util.js';

export const IMAGE = 'argoproj/rollouts-demo';

export class RolloutOps {
	private readonly core: k8s.CoreV1Api;
	private readonly custom: k8s.CustomObjectsApi;

	constructor(kc: k8s.KubeConfig, readonly namespace: string) {
		this.core = kc.makeApiClient(k8s.CoreV1Api);
		this.custom = kc.makeApiClient(k8s.CustomObjectsApi);
	}

	static async inNewNamespace(kc: k8s.KubeConfig, namespace: string): Promise<RolloutOps> {
		await kc.makeApiClient(k8s.CoreV1Api).createNamespace({body: {metadata: {name: namespace, labels: {'rollouts-tui/bench': 'true'}}}});
		await waitForDefaultServiceAccount(kc, namespace);
		return new RolloutOps(kc, namespace);
	}

	deleteNamespace(): Promise<unknown> {
		return this.core.deleteNamespace({name: this.namespace});
	}

	/** A blue-green rollout with `replicas` pods of IMAGE:blue, Healthy. */
	async create(name: string, replicas: number): Promise<void> {
		const manifest = blueGreenManifest({name, namespace: this.namespace, replicas, image: `${IMAGE}:blue`});
		await this.core.createNamespacedService({namespace: this.namespace, body: manifest.activeService});
		await this.core.createNamespacedService({namespace: this.namespace, body: manifest.previewService});
		await this.custom.createNamespacedCustomObject({...ROLLOUT, namespace: this.namespace, body: manifest.rollout});
		await this.settled(name, replicas);
	}

	get(name: string): Promise<RolloutObject> {
		return this.custom.getNamespacedCustomObject({...ROLLOUT, namespace: this.namespace, name}) as Promise<RolloutObject>;
	}

	setImage(name: string, tag: string): Promise<unknown> {
		const body = [{op: 'replace', path: '/spec/template/spec/containers/0/image', value: `${IMAGE}:${tag}`}];
		return this.custom.patchNamespacedCustomObject({...ROLLOUT, namespace: this.namespace, name, body});
	}

	scale(name: string, replicas: number): Promise<unknown> {
		const body = [{op: 'replace', path: '/spec/replicas', value: replicas}];
		return this.custom.patchNamespacedCustomObject({...ROLLOUT, namespace: this.namespace, name, body});
	}

	/** Names of the pods of the rollout's stable (active) ReplicaSet. */
	async stablePods(name: string): Promise<string[]> {
		const hash = (await this.get(name)).status?.stableRS;
		const list = await this.core.listNamespacedPod({namespace: this.namespace, labelSelector: `${POD_HASH_LABEL}=${hash}`});
		return list.items.filter((pod) => !pod.metadata?.deletionTimestamp).map((pod) => pod.metadata!.name!);
	}

	deletePod(name: string): Promise<unknown> {
		return this.core.deleteNamespacedPod({namespace: this.namespace, name});
	}

	/** The first stable pod not in `before` (the replacement), polled up to `timeoutMs`. */
	async newPod(name: string, before: string[], timeoutMs = 15_000): Promise<string | undefined> {
		const deadline = performance.now() + timeoutMs;
		while (performance.now() < deadline) {
			const fresh = (await this.stablePods(name)).find((pod) => !before.includes(pod));
			if (fresh) return fresh;
			await sleep(100);
		}
		return undefined;
	}

	/**
	 * Until the controller has seen the latest spec and the rollout is Healthy
	 * with every replica updated and available: the end of one change.
	 */
	async settled(name: string, replicas: number, timeoutMs = 60_000): Promise<boolean> {
		const deadline = performance.now() + timeoutMs;
		while (performance.now() < deadline) {
			const r = await this.get(name);
			const s = r.status;
			const seen = String(s?.['observedGeneration'] ?? '') === String(r.metadata.generation);
			if (seen && s?.phase === 'Healthy' && s.stableRS === s.currentPodHash && s.availableReplicas === replicas && s.updatedReplicas === replicas) {
				return true;
			}
			await sleep(100);
		}
		return false;
	}
}
