// What the action rules need to know about a rollout, gathered once from its
// domain shape, and the small builders every planner shares.
import type {ReplicaSetObject} from '../domain/replicaset.js';
import type {RolloutObject} from '../domain/rollout.js';
import type {Step} from '../domain/step.js';
import type {ActionName, PatchStep, Refusal} from './plan.js';
import {replicaSetForHash} from './replicasets.js';
import {stepText} from './words.js';

export interface Facts {
	rollout: RolloutObject;
	name: string;
	isBlueGreen: boolean;
	specPaused: boolean;
	pauseConditionCount: number;
	aborted: boolean;
	steps: Step[];
	stepIndex: number; // nil counts as 0, like the plugin
	/** The newest template's ReplicaSet and the stable one, with how to say them. */
	current: {hash: string | null; rs: ReplicaSetObject | null};
	stable: {hash: string | null; rs: ReplicaSetObject | null};
	/** Blue-green: what the active Service selects now. */
	active: {hash: string | null; rs: ReplicaSetObject | null};
	/** The active Service's name ("active" when the spec names none). */
	activeService: string;
}

export function factsOf(rollout: RolloutObject, replicaSets: readonly ReplicaSetObject[]): Facts {
	const status = rollout.status;
	const at = (hash: string) => ({hash: hash || null, rs: replicaSetForHash(rollout, replicaSets, hash)});
	return {
		rollout,
		name: rollout.meta.name,
		isBlueGreen: rollout.strategy === 'BlueGreen',
		specPaused: rollout.specPaused,
		pauseConditionCount: status.pauseReasons.length,
		aborted: status.aborted,
		steps: rollout.canary?.steps ?? [],
		stepIndex: status.currentStepIndex ?? 0,
		current: at(status.currentPodHash),
		stable: at(status.stableRS),
		active: at(status.activeSelector),
		activeService: rollout.blueGreen?.activeService || 'active',
	};
}

/** "step 2 of 3 (pause)", 1-based for people. */
export function stepPhrase(facts: Facts, index: number): string {
	return `step ${index + 1} of ${facts.steps.length} (${stepText(facts.steps[index])})`;
}

export function statusMerge(status: Record<string, unknown>): PatchStep {
	return {subresource: 'status', type: 'merge', body: {status}};
}

export function specMerge(spec: Record<string, unknown>): PatchStep {
	return {subresource: null, type: 'merge', body: {spec}};
}

export type Planned = {patches: PatchStep[]; summary: string; targetRevision?: number} | Refusal;

export function refuse(action: ActionName, reason: string, hint?: string): Refusal {
	return hint === undefined ? {action, refused: true, reason} : {action, refused: true, reason, hint};
}
