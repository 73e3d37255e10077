// ReplicaSets of a rollout: health, tags and the scale-down delay, as
// `kubectl argo rollouts get` shows them (info/replicaset_info.go).

import type {PodObject} from '../domain/pod.js';
import type {ReplicaSetObject} from '../domain/replicaset.js';
import type {RolloutObject} from '../domain/rollout.js';
import {time} from '../domain/read.js';
import {humanDuration} from './duration.js';
import {replicaSetIcon} from './icons.js';
import {podViews} from './pod.js';
import {byString} from './safe.js';
import type {ReplicaSetView} from './view.js';

/** Healthy | Progressing | ReplicaFailure | ScaledDown. */
export function replicaSetHealth(rs: ReplicaSetObject): string {
	if (rs.meta.generation > rs.observedGeneration) return 'Progressing';
	if (rs.replicaFailure) return 'ReplicaFailure';
	if (rs.desired !== null && rs.available < rs.desired) return 'Progressing';
	if (rs.desired === 0) return 'ScaledDown';
	return 'Healthy';
}

/**
 * Tags in the plugin's INFO order: `stable`, then one of `canary` / `active` /
 * `preview`, then `ping` / `pong`.
 */
export function replicaSetTags(hash: string, rollout: RolloutObject): string[] {
	if (hash === '') return [];
	const status = rollout.status;
	const tags: string[] = [];
	if (rollout.canary !== null) {
		const pingPong = rollout.canary.pingPong;
		const stableIsPing = status.stablePingPong === 'ping';
		if (status.stableRS === hash) {
			tags.push('stable');
			if (pingPong) tags.push(stableIsPing ? 'ping' : 'pong');
		} else if (status.currentPodHash === hash) {
			tags.push('canary');
			if (pingPong) tags.push(stableIsPing ? 'pong' : 'ping');
		}
		return tags;
	}
	if (rollout.blueGreen !== null) {
		if (status.stableRS === hash) tags.push('stable');
		// A ReplicaSet both active and preview shows only "active".
		if (status.activeSelector === hash) tags.push('active');
		else if (status.previewSelector === hash) tags.push('preview');
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
export function replicaSetView(rs: ReplicaSetObject, rollout: RolloutObject | null, pods: readonly PodObject[], now: number): ReplicaSetView {
	const health = replicaSetHealth(rs);
	const deadline = rs.scaleDownDeadline;
	const view: ReplicaSetView = {
		name: rs.meta.name,
		hash: rs.hash,
		// The revision tree shows an unreadable revision as 0, like the plugin's parseRevision.
		revision: rs.revision ?? 0,
		status: health,
		icon: replicaSetIcon(health),
		tags: rollout === null ? [] : replicaSetTags(rs.hash, rollout),
		scaleDownDelay: scaleDownDelay(deadline, now),
		scaleDownDeadline: deadline === '' ? null : deadline,
		desired: rs.desired ?? 0,
		current: rs.current,
		ready: rs.ready,
		available: rs.available,
		images: rs.images,
		createdAt: rs.meta.createdAt,
		pods: podViews(pods),
	};
	if (rs.experimentTemplate !== '') view.template = rs.experimentTemplate;
	return view;
}
