// A Deployment as rollouts-tui reads it: a workload whose pod template a
// Rollout can reference (spec.workloadRef), one side of a hand-made
// blue-green (model/ingress-switch.ts), and what convert turns into a
// Rollout; in general a workload with a template, a size and a readiness,
// like a ReplicaSet one level up.
import {imagesOf} from './facts.js';
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {atoi, bool, dict, dicts, int, isDict, str, strEntry, strMap} from './read.js';
import type {PodTemplate} from './raw.js';

export const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/**
 * Written by `scale-down` before it sets replicas to 0: the count the
 * Deployment had, so `scale-up` puts it back. Ours alone; nothing else reads it.
 */
export const SCALED_DOWN_FROM_ANNOTATION = 'rollouts-tui/scaled-down-from';

export interface ContainerImage {
	name: string;
	image: string;
}

export interface DeploymentObject {
	meta: Meta;
	/** spec.replicas; null when not set (the default is 1). A workloadRef'd Deployment is usually scaled to 0. */
	replicas: number | null;
	paused: boolean;
	/** spec.selector.matchLabels (matchExpressions are not modelled: see hasSelectorExpressions). */
	matchLabels: Record<string, string>;
	hasSelectorExpressions: boolean;
	/** The pod template as the API server holds it (a workloadRef rollout's template; undo writes it; convert copies it). */
	template: PodTemplate | null;
	templateLabels: Record<string, string>;
	/** spec.template.spec.containers' names and images, in order. */
	containers: ContainerImage[];
	images: string[];
	/** deployment.kubernetes.io/revision, null when absent or unreadable. */
	revision: number | null;
	observedGeneration: number;
	readyReplicas: number;
	availableReplicas: number;
	/** The SCALED_DOWN_FROM annotation as a count, or null when absent or not a whole number. */
	scaledDownFrom: number | null;
	/** Other spec fields convert carries over verbatim when set. */
	minReadySeconds: number | null;
	revisionHistoryLimit: number | null;
	progressDeadlineSeconds: number | null;
}

export function deploymentOf(raw: unknown): DeploymentObject {
	const spec = dict(dict(raw)['spec']);
	const status = dict(dict(raw)['status']);
	const selector = dict(spec['selector']);
	const template = spec['template'];
	const annotations = rawMetadata(raw)['annotations'];
	const from = atoi(strEntry(annotations, SCALED_DOWN_FROM_ANNOTATION));
	return {
		meta: metaOf(raw),
		replicas: int(spec['replicas']) ?? null,
		paused: bool(spec['paused']),
		matchLabels: strMap(selector['matchLabels']),
		hasSelectorExpressions: dicts(selector['matchExpressions']).length > 0,
		template: isDict(template) ? (template as PodTemplate) : null,
		templateLabels: strMap(dict(dict(template)['metadata'])['labels']),
		containers: dicts(dict(dict(template)['spec'])['containers']).map((c) => ({name: str(c['name']), image: str(c['image'])})),
		images: imagesOf(template),
		revision: atoi(strEntry(annotations, DEPLOYMENT_REVISION_ANNOTATION)) ?? null,
		observedGeneration: int(status['observedGeneration']) ?? 0,
		readyReplicas: int(status['readyReplicas']) ?? 0,
		availableReplicas: int(status['availableReplicas']) ?? 0,
		scaledDownFrom: from !== undefined && from >= 0 ? from : null,
		minReadySeconds: int(spec['minReadySeconds']) ?? null,
		revisionHistoryLimit: int(spec['revisionHistoryLimit']) ?? null,
		progressDeadlineSeconds: int(spec['progressDeadlineSeconds']) ?? null,
	};
}
