// A Deployment as rollouts-tui reads it: a workload whose pod template a
// Rollout can reference (spec.workloadRef), and in general a workload with a
// template, a size and a readiness, like a ReplicaSet one level up.
import {imagesOf} from './facts.js';
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {atoi, bool, dict, int, isDict, strEntry, strMap} from './read.js';
import type {PodTemplate} from './raw.js';

export const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export interface DeploymentObject {
	meta: Meta;
	/** spec.replicas; null when not set (the default is 1). A workloadRef'd Deployment is usually scaled to 0. */
	replicas: number | null;
	paused: boolean;
	matchLabels: Record<string, string>;
	/** The pod template as the API server holds it (a workloadRef rollout's template; undo writes it). */
	template: PodTemplate | null;
	images: string[];
	/** deployment.kubernetes.io/revision, null when absent or unreadable. */
	revision: number | null;
	observedGeneration: number;
	readyReplicas: number;
	availableReplicas: number;
}

export function deploymentOf(raw: unknown): DeploymentObject {
	const spec = dict(dict(raw)['spec']);
	const status = dict(dict(raw)['status']);
	const template = spec['template'];
	return {
		meta: metaOf(raw),
		replicas: int(spec['replicas']) ?? null,
		paused: bool(spec['paused']),
		matchLabels: strMap(dict(spec['selector'])['matchLabels']),
		template: isDict(template) ? (template as PodTemplate) : null,
		images: imagesOf(template),
		revision: atoi(strEntry(rawMetadata(raw)['annotations'], DEPLOYMENT_REVISION_ANNOTATION)) ?? null,
		observedGeneration: int(status['observedGeneration']) ?? 0,
		readyReplicas: int(status['readyReplicas']) ?? 0,
		availableReplicas: int(status['availableReplicas']) ?? 0,
	};
}
