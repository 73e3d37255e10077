// The planner's API for a screen that knows rollouts by "namespace/name":
// finds the rollout and its namespace's ReplicaSets in a snapshot's objects
// and answers what the UI asks (which actions apply, the plan for a key, the
// pod-template diff for an undo). The UI never matches raw objects itself.
import type {ObjectSets, ReplicaSet, Rollout} from '../domain/raw.js';
import {
	applicableActions,
	isRefusal,
	planAction,
	refusalText,
	templateDiff,
	undoCandidates,
	type ActionName,
	type ActionPlan,
	type Applicability,
	type DiffLine,
	type PlanOptions,
} from './plan.js';

interface Target {
	rollout: Rollout;
	replicaSets: ReplicaSet[];
}

function findTarget(objects: ObjectSets, key: string): Target | null {
	const rollout = objects.rollouts.find(r => `${r.metadata?.namespace}/${r.metadata?.name}` === key);
	if (!rollout) return null;
	const namespace = rollout.metadata?.namespace;
	return {rollout, replicaSets: objects.replicaSets.filter(rs => rs.metadata?.namespace === namespace)};
}

/** Which actions apply to the rollout, and why not; null when it is not in the objects. */
export function actionsFor(objects: ObjectSets, key: string): Record<ActionName, Applicability> | null {
	const target = findTarget(objects, key);
	return target ? applicableActions(target.rollout, target.replicaSets) : null;
}

export type PlanOutcome = {plan: ActionPlan} | {refused: string};

/** The plan for an action on the rollout as the objects show it, or the refusal in one line. */
export function planFor(objects: ObjectSets, key: string, action: ActionName, options: PlanOptions): PlanOutcome {
	const target = findTarget(objects, key);
	if (!target) return {refused: `${action}: rollout ${key} is gone`};
	const plan = planAction(action, target.rollout, target.replicaSets, options);
	return isRefusal(plan) ? {refused: `${action}: ${refusalText(plan)}`} : {plan};
}

/** The pod-template diff from the rollout's current template to a revision's (for undo). */
export function undoDiffFor(objects: ObjectSets, key: string, revision: number | undefined): DiffLine[] {
	if (revision === undefined) return [];
	const target = findTarget(objects, key);
	const current = target?.rollout.spec?.template;
	if (!target || !current) return [];
	const candidate = undoCandidates(target.rollout, target.replicaSets).find(c => c.revision === revision);
	return candidate?.template ? templateDiff(current, candidate.template) : [];
}
