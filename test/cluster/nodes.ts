/** The fake nodes (kwok-node-1..n) that kwok keeps Ready and runs the pods on. */
import * as k8s from '@kubernetes/client-node';
import {nodePodCidr, type PodNetwork} from './dataplane/network.js';
import {createIgnoringConflict} from './kube.js';

export function nodeNames(count: number): string[] {
	return Array.from({length: count}, (_, i) => `kwok-node-${i + 1}`);
}

/** Fake nodes that kwok manages (Ready, with room for many pods). */
export async function createNodes(kc: k8s.KubeConfig, names: string[], network?: PodNetwork): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	await Promise.all(
		names.map((name, i) => {
			const resources = {cpu: '32', memory: '256Gi', pods: '110'};
			const node: k8s.V1Node = {
				apiVersion: 'v1',
				kind: 'Node',
				metadata: {
					name,
					labels: {
						'kubernetes.io/hostname': name,
						'kubernetes.io/os': 'linux',
						'kubernetes.io/arch': 'amd64',
						'node-role.kubernetes.io/agent': '',
						type: 'kwok',
					},
					annotations: {'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0'},
				},
				// kwok hands out pod IPs from the node's podCIDR; the data plane routes the cluster's range.
				spec: {podCIDR: nodePodCidr(network, i + 1), podCIDRs: [nodePodCidr(network, i + 1)]},
				status: {
					allocatable: resources,
					capacity: resources,
					addresses: [
						{type: 'InternalIP', address: `10.240.0.${i + 1}`},
						{type: 'Hostname', address: name},
					],
					nodeInfo: {
						architecture: 'amd64',
						operatingSystem: 'linux',
						kubeletVersion: 'v1.36.3-kwok',
						kubeProxyVersion: '',
						containerRuntimeVersion: 'kwok',
						kernelVersion: '',
						osImage: 'kwok',
						bootID: '',
						machineID: '',
						systemUUID: '',
					},
				},
			};
			return createIgnoringConflict(`Node ${name}`, () => core.createNode({body: node}));
		}),
	);
}

export async function nodesReady(kc: k8s.KubeConfig, names: string[]): Promise<boolean> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const list = await core.listNode();
	return names.every((name) => {
		const node = list.items.find((n) => n.metadata?.name === name);
		return node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
	});
}
