// ReplicaSets of a rollout: revision, health, tags and the scale-down delay,
// as `kubectl argo rollouts get` shows them (info/replicaset_info.go).

import {humanDuration} from './duration.js';
import {replicaSetIcon} from './icons.js';
import type {Pod, ReplicaSet, Rollout} from './objects.js';
import {podViews} from './pod.js';
import {atoi, byString, dict, int, isDict, metadataOf, ownerUids, str, strEntry, strOrNull, time, type Dict} from './safe.js';
import type {ReplicaSetView} from './view.js';

export const POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';
export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const SCALE_DOWN_DEADLINE_ANNOTATION = 'scale-down-deadline';
export const EXPERIMENT_TEMPLATE_ANNOTATION = 'experiment.argoproj.io/template-name';

/** The revision annotation; missing or non-numeric counts as 0. */
export function parseRevision(annotations: unknown): number {
	return atoi(dict(annotations)[REVISION_ANNOTATION]) ?? 0;
}

/** The revision annotation of an object's metadata (as from metadataOf); missing or non-numeric counts as 0. */
export function revisionOf(metadata: Readonly<Dict>): number {
	return atoi(strEntry(metadata['annotations'], REVISION_ANNOTATION)) ?? 0;
}

/** The pod-template hash is the ReplicaSet's label, not part of its name. */
export function podTemplateHash(rs: ReplicaSet | unknown): string {
	return strEntry(metadataOf(rs)['labels'], POD_TEMPLATE_HASH) ?? '';
}

/** True when one of the object's ownerReferences has this UID. */
export function isOwnedBy(obj: unknown, uid: string): boolean {
	return uid !== '' && ownerUids(metadataOf(obj)).includes(uid);
}

/** Healthy | Progressing | ReplicaFailure | ScaledDown. */
export function replicaSetHealth(rs: ReplicaSet | unknown): string {
	const spec = dict(dict(rs)['spec']);
	const status = dict(dict(rs)['status']);
	const desired = int(spec['replicas']);
	if ((int(metadataOf(rs)['generation']) ?? 0) > (int(status['observedGeneration']) ?? 0)) return 'Progressing';
	if (str(replicaFailure(status['conditions'])?.['status']) === 'True') return 'ReplicaFailure';
	if (desired !== undefined && (int(status['availableReplicas']) ?? 0) < desired) return 'Progressing';
	if (desired === 0) return 'ScaledDown';
	return 'Healthy';
}

/** The first ReplicaFailure condition. */
function replicaFailure(conditions: unknown): Dict | undefined {
	if (!Array.isArray(conditions)) return undefined;
	for (const c of conditions) if (isDict(c) && c['type'] === 'ReplicaFailure') return c;
	return undefined;
}

/**
 * Tags in the plugin's INFO order: `stable`, then one of `canary` / `active` /
 * `preview`, then `ping` / `pong`.
 */
export function replicaSetTags(hash: string, rollout: Rollout | unknown): string[] {
	if (hash === '') return [];
	const spec = dict(dict(rollout)['spec']);
	const strategy = dict(spec['strategy']);
	const status = dict(dict(rollout)['status']);
	const stableRS = str(status['stableRS']);
	const tags: string[] = [];

	const canary = strategy['canary'];
	if (isDict(canary)) {
		const pingPong = canary['pingPong'] !== undefined && canary['pingPong'] !== null;
		const stableIsPing = str(dict(status['canary'])['stablePingPong']) === 'ping';
		if (stableRS === hash) {
			tags.push('stable');
			if (pingPong) tags.push(stableIsPing ? 'ping' : 'pong');
		} else if (str(status['currentPodHash']) === hash) {
			tags.push('canary');
			if (pingPong) tags.push(stableIsPing ? 'pong' : 'ping');
		}
		return tags;
	}
	if (isDict(strategy['blueGreen'])) {
		const bg = dict(status['blueGreen']);
		if (stableRS === hash) tags.push('stable');
		// A ReplicaSet both active and preview shows only "active".
		if (str(bg['activeSelector']) === hash) tags.push('active');
		else if (str(bg['previewSelector']) === hash) tags.push('preview');
	}
	return tags;
}

/** "delay:<time left>" until the scale-down deadline, "delay:passed" after it; null without a valid deadline. */
export function scaleDownDelay(deadline: string | null | undefined, now: number): string | null {
	const t = time(deadline);
	if (t === undefined) return null;
	return t < now ? 'delay:passed' : `delay:${humanDuration(t - now)}`;
}

/** Revision descending, then name ascending (the plugin's creation-time step has no effect). */
export function compareReplicaSets(a: ReplicaSetView, b: ReplicaSetView): number {
	return b.revision - a.revision || byString(a.name, b.name);
}

/**
 * The view of one ReplicaSet with its pods. `rollout` is null for an
 * experiment's ReplicaSets, which carry no tags.
 */
export function replicaSetView(rs: ReplicaSet | unknown, rollout: Rollout | null, pods: readonly Pod[], now: number): ReplicaSetView {
	const m = metadataOf(rs);
	const annotations = m['annotations'];
	const spec = dict(dict(rs)['spec']);
	const status = dict(dict(rs)['status']);
	const hash = strEntry(m['labels'], POD_TEMPLATE_HASH) ?? '';
	const health = replicaSetHealth(rs);
	const deadline = strEntry(annotations, SCALE_DOWN_DEADLINE_ANNOTATION) ?? null;
	const template = strEntry(annotations, EXPERIMENT_TEMPLATE_ANNOTATION) ?? '';
	const view: ReplicaSetView = {
		name: str(m['name']),
		hash,
		revision: revisionOf(m),
		status: health,
		icon: replicaSetIcon(health),
		tags: rollout === null ? [] : replicaSetTags(hash, rollout),
		scaleDownDelay: scaleDownDelay(deadline, now),
		scaleDownDeadline: deadline === '' ? null : deadline,
		desired: int(spec['replicas']) ?? 0,
		current: int(status['replicas']) ?? 0,
		ready: int(status['readyReplicas']) ?? 0,
		available: int(status['availableReplicas']) ?? 0,
		images: containerImages(dict(dict(spec['template'])['spec'])['containers']),
		createdAt: strOrNull(m['creationTimestamp']),
		pods: podViews(pods),
	};
	if (template !== '') view.template = template;
	return view;
}

/** The non-empty images of the containers, in order. */
function containerImages(containers: unknown): string[] {
	const images: string[] = [];
	if (!Array.isArray(containers)) return images;
	for (const c of containers) {
		if (!isDict(c)) continue;
		const image = c['image'];
		if (typeof image === 'string' && image !== '') images.push(image);
	}
	return images;
}
