// Which ReplicaSet / revision is that? The planner's questions, answered from
// the domain's fields (revision, hash, images and ownership are defined in
// domain/facts.ts).
import {isControlledBy} from '../domain/facts.js';
import type {ReplicaSetObject} from '../domain/replicaset.js';
import type {RolloutObject} from '../domain/rollout.js';

/**
 * The ReplicaSets whose controller is this rollout (by UID), like the
 * plugin's undo (IsControlledBy). Two rollouts with identical templates share
 * a hash, so ownership, not the hash, decides.
 */
export function ownedReplicaSets(rollout: RolloutObject, replicaSets: readonly ReplicaSetObject[]): ReplicaSetObject[] {
	const uid = rollout.meta.uid;
	return uid === '' ? [] : replicaSets.filter((rs) => isControlledBy(rs.meta.owners, uid));
}

/**
 * The rollout's ReplicaSet for a pod-template hash. Owned ReplicaSets are
 * preferred; when the rollout has no UID (hand-written objects) any
 * ReplicaSet carrying the hash will do.
 */
export function replicaSetForHash(
	rollout: RolloutObject,
	replicaSets: readonly ReplicaSetObject[],
	hash: string | null | undefined,
): ReplicaSetObject | null {
	if (!hash) return null;
	const pool = rollout.meta.uid === '' ? replicaSets : ownedReplicaSets(rollout, replicaSets);
	return pool.find((rs) => rs.hash === hash) ?? null;
}

/** "revision 2 (argoproj/rollouts-demo:green)", or a fallback naming the hash. */
export function describeRevision(rs: ReplicaSetObject | null, hash?: string | null): string {
	const label = revisionLabel(rs, hash);
	return rs && rs.images.length > 0 ? `${label} (${rs.images.join(', ')})` : label;
}

/** Shorter form without images: "revision 2". */
export function revisionLabel(rs: ReplicaSetObject | null, hash?: string | null): string {
	if (!rs) return hash ? `pod-template hash ${hash}` : 'an unknown revision';
	return rs.revision !== null && rs.revision > 0 ? `revision ${rs.revision}` : `ReplicaSet ${rs.meta.name || '?'}`;
}

/** Owned ReplicaSets with a readable revision, highest first (stable for ties). */
export function replicaSetsByRevision(
	rollout: RolloutObject,
	replicaSets: readonly ReplicaSetObject[],
): Array<{rs: ReplicaSetObject; revision: number}> {
	return ownedReplicaSets(rollout, replicaSets)
		.flatMap((rs) => (rs.revision === null ? [] : [{rs, revision: rs.revision}]))
		.sort((a, b) => b.revision - a.revision);
}
