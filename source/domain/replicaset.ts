// A ReplicaSet as the model and the planner read it.
import {imagesOf, revisionOf, templateHashOf} from './facts.js';
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {dict, int, isDict, str, strEntry} from './read.js';
import type {PodTemplate} from './raw.js';

export const SCALE_DOWN_DEADLINE_ANNOTATION = 'scale-down-deadline';
export const EXPERIMENT_TEMPLATE_ANNOTATION = 'experiment.argoproj.io/template-name';

export interface ReplicaSetObject {
	meta: Meta;
	hash: string;
	/** See revisionOf: missing 0, unreadable null. */
	revision: number | null;
	/** The scale-down-deadline annotation as written, or null. */
	scaleDownDeadline: string | null;
	/** An experiment's ReplicaSet: its template name, else ''. */
	experimentTemplate: string;
	/** spec.replicas; null when not set. */
	desired: number | null;
	current: number;
	ready: number;
	available: number;
	observedGeneration: number;
	/** A ReplicaFailure condition with status True. */
	replicaFailure: boolean;
	images: string[];
	/** The pod template as the API server holds it (undo copies it verbatim). */
	template: PodTemplate | null;
}

export function replicaSetOf(raw: unknown): ReplicaSetObject {
	const m = rawMetadata(raw);
	const spec = dict(dict(raw)['spec']);
	const status = dict(dict(raw)['status']);
	const template = spec['template'];
	return {
		meta: metaOf(raw),
		hash: templateHashOf(m['labels']),
		revision: revisionOf(m['annotations']),
		scaleDownDeadline: strEntry(m['annotations'], SCALE_DOWN_DEADLINE_ANNOTATION) ?? null,
		experimentTemplate: strEntry(m['annotations'], EXPERIMENT_TEMPLATE_ANNOTATION) ?? '',
		desired: int(spec['replicas']) ?? null,
		current: int(status['replicas']) ?? 0,
		ready: int(status['readyReplicas']) ?? 0,
		available: int(status['availableReplicas']) ?? 0,
		observedGeneration: int(status['observedGeneration']) ?? 0,
		replicaFailure: firstReplicaFailureStatus(status['conditions']) === 'True',
		images: imagesOf(template),
		template: isDict(template) ? (template as PodTemplate) : null,
	};
}

/** The status of the first ReplicaFailure condition. */
function firstReplicaFailureStatus(conditions: unknown): string {
	if (!Array.isArray(conditions)) return '';
	for (const c of conditions) if (isDict(c) && c['type'] === 'ReplicaFailure') return str(c['status']);
	return '';
}
