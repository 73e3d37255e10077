// The facts several parts of rollouts-tui ask about a Rollout's objects, each
// defined here once: revision, pod-template hash, ownership, images and the
// current revision. The model, the action planner and the UI read the plain
// fields the constructors fill from these rules, never the raw JSON.
import {atoi, dict, isDict, strEntry} from './read.js';

export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';
export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';

/**
 * The revision annotation as the plugin reads it (strconv): missing counts as
 * 0, a value that is not an integer is null ("unreadable"). The revision tree
 * shows null as 0; undo skips it, like the plugin.
 */
export function revisionOf(annotations: unknown): number | null {
	const raw = strEntry(annotations, REVISION_ANNOTATION);
	if (raw === undefined) return 0;
	return atoi(raw) ?? null;
}

/** The pod-template hash is a label (on ReplicaSets, pods and Service selectors), not part of a name; '' when absent. */
export function templateHashOf(labels: unknown): string {
	return strEntry(labels, POD_TEMPLATE_HASH_LABEL) ?? '';
}

/** Who owns an object: every owner UID once, in order, and the controller's UID. */
export interface Owners {
	/** The plugin's tree rule (info.ownerRef): any ownerReference with this UID makes a child. */
	all: readonly string[];
	/** The plugin's undo rule (metav1.IsControlledBy): the ownerReference with controller: true. */
	controller: string | null;
}

export function ownersOf(refs: unknown): Owners {
	const all: string[] = [];
	let controller: string | null = null;
	if (!Array.isArray(refs)) return {all, controller};
	// Almost every object has one owner; a Set only for more keeps that cheap and
	// a hostile object with 150,000 references linear (includes() made it quadratic).
	const seen = refs.length > 1 ? new Set<string>() : null;
	for (const ref of refs) {
		if (!isDict(ref)) continue;
		const uid = ref['uid'];
		if (typeof uid !== 'string' || uid === '') continue;
		if (seen === null) all.push(uid);
		else if (!seen.has(uid)) {
			seen.add(uid);
			all.push(uid);
		}
		if (ref['controller'] === true && controller === null) controller = uid;
	}
	return {all, controller};
}

/** True when the object lists this UID among its owners (the revision tree). */
export const isOwnedBy = (owners: Owners, uid: string): boolean => uid !== '' && owners.all.includes(uid);

/** True when this UID is the object's controller (undo's history). */
export const isControlledBy = (owners: Owners, uid: string): boolean => uid !== '' && owners.controller === uid;

/** The non-empty images of a pod template's containers, in order. */
export function imagesOf(template: unknown): string[] {
	const images: string[] = [];
	const containers = dict(dict(dict(template)['spec']))['containers'];
	if (!Array.isArray(containers)) return images;
	for (const c of containers) {
		if (!isDict(c)) continue;
		const image = c['image'];
		if (typeof image === 'string' && image !== '') images.push(image);
	}
	return images;
}

/** What currentRevision needs of a ReplicaSet. */
export interface Revisioned {
	hash: string;
	revision: number | null;
}

/** The highest revision among these ReplicaSets (unreadable counts as 0), or null without any. */
export function newestRevision(replicaSets: readonly Revisioned[]): number | null {
	let newest: number | null = null;
	for (const rs of replicaSets) {
		const revision = rs.revision ?? 0;
		if (newest === null || revision > newest) newest = revision;
	}
	return newest;
}

/**
 * The rollout's current revision: that of its ReplicaSet for
 * status.currentPodHash, else `newest` (the highest revision the rollout
 * shows, which may be an AnalysisRun's); null when there is none.
 */
export function currentRevision(
	currentPodHash: string,
	replicaSets: readonly Revisioned[],
	newest: number | null = newestRevision(replicaSets),
): number | null {
	if (currentPodHash !== '') {
		for (const rs of replicaSets) if (rs.hash === currentPodHash) return rs.revision ?? 0;
	}
	return newest;
}
