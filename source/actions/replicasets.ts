// Pure helpers that answer "which ReplicaSet / revision is that?" for the
// action planner: ownership, revision numbers and pod-template hashes.
import type {ReplicaSet, Rollout} from '../model/objects.js';
import {POD_TEMPLATE_HASH as HASH_LABEL, REVISION_ANNOTATION} from '../model/replicaset.js';

export {HASH_LABEL, REVISION_ANNOTATION};

/**
 * The ReplicaSets whose controller owner is this rollout (by UID), like the
 * plugin's IsControlledBy. Two rollouts with identical templates share a
 * hash, so ownership, not the hash, decides.
 */
export function ownedReplicaSets(rollout: Rollout, replicaSets: ReplicaSet[]): ReplicaSet[] {
	const uid = rollout.metadata?.uid;
	if (!uid) return [];
	return replicaSets.filter((rs) =>
		(rs.metadata?.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === uid),
	);
}

/**
 * The revision annotation as the plugin reads it: missing → 0, not an
 * integer → null (the plugin skips such ReplicaSets).
 */
export function revisionOf(rs: ReplicaSet): number | null {
	const raw = rs.metadata?.annotations?.[REVISION_ANNOTATION];
	if (raw === undefined) return 0;
	if (!/^[+-]?\d+$/.test(raw.trim())) return null;
	return Number.parseInt(raw.trim(), 10);
}

export function hashOf(rs: ReplicaSet): string | null {
	return rs.metadata?.labels?.[HASH_LABEL] ?? null;
}

/**
 * The rollout's ReplicaSet for a pod-template hash. Owned ReplicaSets are
 * preferred; when the rollout has no UID (hand-written objects) any
 * ReplicaSet carrying the hash will do.
 */
export function replicaSetForHash(
	rollout: Rollout,
	replicaSets: ReplicaSet[],
	hash: string | null | undefined,
): ReplicaSet | null {
	if (!hash) return null;
	const owned = ownedReplicaSets(rollout, replicaSets);
	const pool = owned.length > 0 || rollout.metadata?.uid ? owned : replicaSets;
	return pool.find((rs) => hashOf(rs) === hash) ?? null;
}

export function imagesOf(rs: ReplicaSet | null): string[] {
	const containers = rs?.spec?.template?.spec?.containers ?? [];
	return containers.map((c) => c.image).filter((image): image is string => typeof image === 'string' && image !== '');
}

/** "revision 2 (argoproj/rollouts-demo:green)", or a fallback naming the hash. */
export function describeRevision(rs: ReplicaSet | null, hash?: string | null): string {
	if (!rs) return hash ? `pod-template hash ${hash}` : 'an unknown revision';
	const revision = revisionOf(rs);
	const images = imagesOf(rs);
	const label = revision !== null && revision > 0 ? `revision ${revision}` : `ReplicaSet ${rs.metadata?.name ?? '?'}`;
	return images.length > 0 ? `${label} (${images.join(', ')})` : label;
}

/** Shorter form without images: "revision 2". */
export function revisionLabel(rs: ReplicaSet | null, hash?: string | null): string {
	if (!rs) return hash ? `pod-template hash ${hash}` : 'an unknown revision';
	const revision = revisionOf(rs);
	return revision !== null && revision > 0 ? `revision ${revision}` : `ReplicaSet ${rs.metadata?.name ?? '?'}`;
}

/** Owned ReplicaSets with a usable revision, highest first (stable for ties). */
export function replicaSetsByRevision(rollout: Rollout, replicaSets: ReplicaSet[]): Array<{rs: ReplicaSet; revision: number}> {
	return ownedReplicaSets(rollout, replicaSets)
		.map((rs) => ({rs, revision: revisionOf(rs)}))
		.filter((entry): entry is {rs: ReplicaSet; revision: number} => entry.revision !== null)
		.sort((a, b) => b.revision - a.revision);
}
