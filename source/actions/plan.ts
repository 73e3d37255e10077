// Actions as data: which PATCHes an operator's action sends, in which order,
// or why it is refused. Pure (no I/O, no client-node import), so every rule
// is unit-testable. The patch bodies follow `kubectl argo rollouts`
// (docs/argo-rollouts.md section 2); the refusals are rollouts-tui's own
// safety rules for actions the plugin would send but that do nothing.
// The rules read the domain shapes (domain/), never raw JSON.
import {newestRevision} from '../domain/facts.js';
import {toReplicaSet, toRollout} from '../domain/normalise.js';
import type {PodTemplate, ReplicaSet, Rollout} from '../domain/raw.js';
import {factsOf, type Planned} from './facts.js';
import {planAbort, planPause, planRestart, planRetry} from './lifecycle.js';
import {planPromote, planPromoteFull} from './promote.js';
import {replicaSetsByRevision} from './replicasets.js';
import {planUndo} from './undo.js';

export {templateDiff, templateMatches, type DiffLine} from './template.js';
export {rfc3339Seconds} from './lifecycle.js';
export {stepText, successMessage} from './words.js';

export type ActionName = 'promote' | 'promote-full' | 'abort' | 'retry' | 'undo' | 'restart' | 'pause';

export const ACTION_NAMES: readonly ActionName[] = ['promote', 'promote-full', 'abort', 'retry', 'undo', 'restart', 'pause'];

/** One PATCH request: `subresource: 'status'` targets rollouts/{name}/status. */
export interface PatchStep {
	subresource: 'status' | null;
	/** merge → application/merge-patch+json; json → application/json-patch+json */
	type: 'merge' | 'json';
	body: unknown;
}

export interface ActionPlan {
	action: ActionName;
	rollout: {namespace: string; name: string; resourceVersion: string};
	/** In the order they must be sent. */
	patches: PatchStep[];
	/** Confirmation question in the operator's terms (Services, revisions, images). */
	summary: string;
	/** undo only: the revision the template is restored from. */
	targetRevision?: number;
}

export interface Refusal {
	action: ActionName;
	refused: true;
	reason: string;
	hint?: string;
}

export interface PlanOptions {
	/** undo only: the revision to roll back to; 0 or absent = the previous one. */
	toRevision?: number;
	/** restart only: the clock, epoch ms (tests pass a fixed one). */
	now?: number;
}

export function isRefusal(result: ActionPlan | Refusal): result is Refusal {
	return 'refused' in result && result.refused;
}

/** The refusal in one line, "reason: hint", as the CLI prints it. */
export function refusalText(refusal: Pick<Refusal, 'reason' | 'hint'>): string {
	return refusal.hint ? `${refusal.reason}: ${refusal.hint}` : refusal.reason;
}

/**
 * The PATCHes for `action` on `rollout` as the operator sees it, or why the
 * action is refused. `replicaSets` may hold any ReplicaSets of the namespace;
 * only those controlled by the rollout count.
 */
export function planAction(
	action: ActionName,
	rollout: Rollout,
	replicaSets: readonly ReplicaSet[],
	opts: PlanOptions = {},
): ActionPlan | Refusal {
	const ro = toRollout(rollout);
	const sets = replicaSets.map(toReplicaSet);
	const facts = factsOf(ro, sets);
	const planned = plannedFor(action, facts, sets, opts);
	if ('refused' in planned) return planned;
	const plan: ActionPlan = {
		action,
		rollout: {namespace: ro.meta.namespace || 'default', name: facts.name, resourceVersion: ro.meta.resourceVersion},
		patches: planned.patches,
		summary: planned.summary,
	};
	if (planned.targetRevision !== undefined) plan.targetRevision = planned.targetRevision;
	return plan;
}

function plannedFor(action: ActionName, facts: ReturnType<typeof factsOf>, sets: ReturnType<typeof toReplicaSet>[], opts: PlanOptions): Planned {
	switch (action) {
		case 'promote':
			return planPromote(facts);
		case 'promote-full':
			return planPromoteFull(facts);
		case 'abort':
			return planAbort(facts);
		case 'retry':
			return planRetry(facts);
		case 'undo':
			return planUndo(facts, sets, opts.toRevision ?? 0);
		case 'restart':
			return planRestart(facts, opts.now ?? Date.now());
		case 'pause':
			return planPause(facts);
	}
}

export interface Applicability {
	enabled: boolean;
	reason?: string;
}

/** Every action with whether it would do something now, and if not, why. */
export function applicableActions(rollout: Rollout, replicaSets: readonly ReplicaSet[]): Record<ActionName, Applicability> {
	const result = {} as Record<ActionName, Applicability>;
	for (const action of ACTION_NAMES) {
		const planned = planAction(action, rollout, replicaSets);
		result[action] = isRefusal(planned) ? {enabled: false, reason: refusalText(planned)} : {enabled: true};
	}
	return result;
}

/** One revision the undo picker can offer. */
export interface UndoCandidate {
	revision: number;
	replicaSet: string;
	images: string[];
	/** The newest revision (undo's "latest", like the plugin's): rolling back to it changes nothing. */
	current: boolean;
	template: PodTemplate | undefined;
}

/** The rollout's revisions, newest first, for the undo revision picker. */
export function undoCandidates(rollout: Rollout, replicaSets: readonly ReplicaSet[]): UndoCandidate[] {
	const history = replicaSetsByRevision(toRollout(rollout), replicaSets.map(toReplicaSet));
	const newest = newestRevision(history.map((entry) => entry.rs));
	return history.map((entry) => ({
		revision: entry.revision,
		replicaSet: entry.rs.meta.name,
		images: entry.rs.images,
		current: entry.revision === newest,
		template: entry.rs.template ?? undefined,
	}));
}
