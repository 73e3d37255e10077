/** kwok's configuration, assembled from the stages shipped in the kwok module (Go module cache). */
import fsp from 'node:fs/promises';
import path from 'node:path';
import {goModuleDir} from './gomod.js';
import type {ClusterPaths} from './paths.js';

const kwokStages = [
	'node/fast/node-initialize.yaml',
	'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
	'pod/fast/pod-ready.yaml',
	'pod/fast/pod-complete.yaml',
	'pod/fast/pod-delete.yaml',
];

/** kwok's configuration: the upstream stages that make nodes and pods Ready quickly. */
export async function writeKwokConfig(paths: ClusterPaths): Promise<void> {
	const dir = await goModuleDir('kwok', 'sigs.k8s.io/kwok');
	const docs = await Promise.all(
		kwokStages.map(async (stage) => {
			const text = await fsp.readFile(path.join(dir, 'kustomize', 'stage', stage), 'utf8');
			return text.replace(/^---\s*\n/, '').trimEnd();
		}),
	);
	await fsp.writeFile(paths.kwokConfig, docs.join('\n---\n') + '\n');
}
