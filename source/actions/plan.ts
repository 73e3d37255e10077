// Actions as data: which PATCHes an operator's action sends, in which order,
// or why it is refused. Pure (no I/O, no client-node import), so every rule
// is unit-testable. The patch bodies follow `kubectl argo rollouts`
// (docs/argo-rollouts.md section 2); the refusals are rollouts-tui's own
// safety rules for actions the plugin would send but that do nothing.
import type {CanaryStep, ReplicaSet, Rollout} from '../model/objects.js';
import {
	describeRevision,
	replicaSetForHash,
	replicaSetsByRevision,
	revisionLabel,
} from './replicasets.js';
import {templateMatches, withoutHashLabel} from './template.js';

export {templateDiff, templateMatches, type DiffLine} from './template.js';

export type ActionName = 'promote' | 'promote-full' | 'abort' | 'retry' | 'undo' | 'restart' | 'pause' | 'resume';

export const ACTION_NAMES: readonly ActionName[] = [
	'promote',
	'promote-full',
	'abort',
	'retry',
	'undo',
	'restart',
	'pause',
	'resume',
];

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
export function refusalText(refusal: Refusal): string {
	return refusal.hint ? `${refusal.reason}: ${refusal.hint}` : refusal.reason;
}

/** What the plugin prints after the action succeeded. */
export function successMessage(action: ActionName, name: string): string {
	switch (action) {
		case 'promote':
			return `rollout '${name}' promoted`;
		case 'promote-full':
			return `rollout '${name}' fully promoted`;
		case 'abort':
			return `rollout '${name}' aborted`;
		case 'retry':
			return `rollout '${name}' retried`;
		case 'undo':
			return `rollout '${name}' undo`;
		case 'restart':
			return `rollout '${name}' restarts in 0s`;
		case 'pause':
			return `rollout '${name}' paused`;
		case 'resume':
			return `rollout '${name}' resumed`;
	}
}

// ---------------------------------------------------------------------------
// Facts about the rollout the rules need.

interface Facts {
	name: string;
	isBlueGreen: boolean;
	specPaused: boolean;
	pauseConditionCount: number;
	aborted: boolean;
	steps: CanaryStep[];
	stepIndex: number; // nil counts as 0, like the plugin
	/** The newest template's ReplicaSet and the stable one, with how to say them. */
	current: {hash: string | null; rs: ReplicaSet | null};
	stable: {hash: string | null; rs: ReplicaSet | null};
	/** Blue-green: what the active Service selects now. */
	active: {hash: string | null; rs: ReplicaSet | null};
	/** Service the operator thinks of as "production". */
	productionService: string | null;
}

function factsOf(rollout: Rollout, replicaSets: ReplicaSet[]): Facts {
	const status = rollout.status ?? {};
	const currentHash = status.currentPodHash ?? null;
	const stableHash = status.stableRS ?? null;
	const activeHash = status.blueGreen?.activeSelector || null;
	const strategy = rollout.spec?.strategy;
	return {
		name: rollout.metadata?.name ?? '',
		isBlueGreen: strategy?.blueGreen !== undefined,
		specPaused: rollout.spec?.paused === true,
		pauseConditionCount: status.pauseConditions?.length ?? 0,
		aborted: status.abort === true,
		steps: strategy?.canary?.steps ?? [],
		stepIndex: status.currentStepIndex ?? 0,
		current: {hash: currentHash, rs: replicaSetForHash(rollout, replicaSets, currentHash)},
		stable: {hash: stableHash, rs: replicaSetForHash(rollout, replicaSets, stableHash)},
		active: {hash: activeHash, rs: replicaSetForHash(rollout, replicaSets, activeHash)},
		productionService: strategy?.blueGreen?.activeService ?? strategy?.canary?.stableService ?? null,
	};
}

/** Canonical one-line text of a canary step ("setWeight: 20", "pause: 30s", ...). */
export function stepText(step: CanaryStep | undefined): string {
	if (!step) return '?';
	if (step.setWeight !== undefined) return `setWeight: ${step.setWeight}`;
	if (step.pause !== undefined) {
		const duration = step.pause.duration;
		if (duration === undefined || duration === '') return 'pause';
		return `pause: ${typeof duration === 'number' ? `${duration}s` : duration}`;
	}
	if (step.analysis !== undefined) return 'analysis';
	if (step.experiment !== undefined) return 'experiment';
	if (step.setCanaryScale !== undefined) {
		const scale = step.setCanaryScale;
		if (scale.weight !== undefined) return `setCanaryScale{weight: ${scale.weight}}`;
		if (scale.replicas !== undefined) return `setCanaryScale{replicas: ${scale.replicas}}`;
		if (scale.matchTrafficWeight) return 'setCanaryScale{matchTrafficWeight: true}';
		return 'setCanaryScale';
	}
	const other = Object.keys(step)[0];
	return other ?? '?';
}

/** "step 2 of 3 (pause)", 1-based for people. */
function stepPhrase(facts: Facts, index: number): string {
	return `step ${index + 1} of ${facts.steps.length} (${stepText(facts.steps[index])})`;
}

function statusMerge(status: Record<string, unknown>): PatchStep {
	return {subresource: 'status', type: 'merge', body: {status}};
}

function specMerge(spec: Record<string, unknown>): PatchStep {
	return {subresource: null, type: 'merge', body: {spec}};
}

// ---------------------------------------------------------------------------
// One planner per action. Each returns the patches and the summary, or a refusal.

type Planned = {patches: PatchStep[]; summary: string; targetRevision?: number} | Refusal;

function refuse(action: ActionName, reason: string, hint?: string): Refusal {
	return hint === undefined ? {action, refused: true, reason} : {action, refused: true, reason, hint};
}

function planPromote(rollout: Rollout, facts: Facts): Planned {
	// The controller ignores pause conditions and resets canary steps while
	// aborted, so a plain promote would report success and change nothing.
	if (facts.aborted) {
		return refuse('promote', 'rollout is aborted', 'use retry (r) to try again, or promote-full (P) to skip all steps');
	}
	const status = rollout.status ?? {};
	const inconclusive = status.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive';
	const hasSteps = facts.steps.length > 0;
	// The plugin advances the index only while it is below len(steps).
	const nextIndex = facts.stepIndex < facts.steps.length ? facts.stepIndex + 1 : facts.stepIndex;

	let statusPatch: PatchStep | null = null;
	let what: string;
	if (!facts.isBlueGreen && inconclusive && facts.pauseConditionCount > 0 && status.controllerPause === true) {
		// Clearing controllerPause too, or the rollout stays stuck when the next step is a pause.
		if (hasSteps) {
			statusPatch = statusMerge({pauseConditions: null, controllerPause: false, currentStepIndex: nextIndex});
		}
		const at = hasSteps ? ` at ${stepPhrase(facts, Math.min(facts.stepIndex, facts.steps.length - 1))}` : '';
		what = `accept the inconclusive analysis${at} and ${canaryContinuation(facts, nextIndex)}`;
	} else if (facts.pauseConditionCount > 0) {
		statusPatch = statusMerge({pauseConditions: null});
		what = facts.isBlueGreen ? blueGreenSwitch(rollout, facts) : canaryPauseEnd(facts);
	} else if (!facts.isBlueGreen && hasSteps && (facts.stepIndex < facts.steps.length || facts.specPaused)) {
		// Promoting while a step (analysis, experiment, setWeight) runs skips that step.
		statusPatch = statusMerge({pauseConditions: null, currentStepIndex: nextIndex});
		what =
			facts.stepIndex < facts.steps.length
				? `skip ${stepPhrase(facts, facts.stepIndex)} and ${canaryContinuation(facts, nextIndex)}`
				: '';
	} else {
		what = '';
	}

	if (!statusPatch && !facts.specPaused) {
		return refuse('promote', nothingToPromote(rollout, facts), promoteFullHint(facts));
	}
	// Unpause the spec BEFORE clearing the pause conditions. The plugin sends the
	// status patch first, but then the controller sees "manually paused, no
	// conditions", drops controllerPause, and re-adds BlueGreenPause once the spec
	// is unpaused: the operator has to promote twice (measured against the real
	// controller). In this order the conditions still hold the rollout while
	// spec.paused goes away, and clearing them then promotes in one go.
	const patches: PatchStep[] = [];
	if (facts.specPaused) patches.push(specMerge({paused: false}));
	if (statusPatch) patches.push(statusPatch);

	let summary: string;
	if (!what) summary = `Resume ${facts.name}, which was paused manually?`;
	else if (facts.specPaused) summary = `Promote ${facts.name}: clear the manual pause and ${what}?`;
	// A blue-green switch reads best on its own: it names the Service and both revisions.
	else if (what.startsWith('switch ')) summary = `${capitalize(what)}?`;
	else summary = `Promote ${facts.name}: ${what}?`;
	return {patches, summary};
}

function nothingToPromote(rollout: Rollout, facts: Facts): string {
	if (facts.isBlueGreen) {
		return rollout.status?.controllerPause === true
			? 'nothing to promote: already promoted, waiting for the controller'
			: 'nothing to promote: rollout is not paused';
	}
	if (facts.steps.length === 0) return 'nothing to promote: rollout is not paused and has no steps';
	return `nothing to promote: all ${facts.steps.length} steps are done`;
}

function promoteFullHint(facts: Facts): string | undefined {
	if (facts.current.hash && facts.current.hash !== facts.stable.hash) {
		return 'use promote-full (P) to skip the remaining analysis, pauses and steps';
	}
	return undefined;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function blueGreenSwitch(rollout: Rollout, facts: Facts): string {
	const service = rollout.spec?.strategy?.blueGreen?.activeService ?? 'active';
	const to = describeRevision(facts.current.rs, facts.current.hash);
	if (!facts.active.hash) return `make ${to} active on Service ${service}`;
	if (facts.active.hash === facts.current.hash) return `end the pause (${to} is already active)`;
	return `switch active Service ${service} from ${describeRevision(facts.active.rs, facts.active.hash)} to ${to}`;
}

function canaryPauseEnd(facts: Facts): string {
	if (facts.steps.length === 0) return 'end the pause';
	const index = Math.min(facts.stepIndex, facts.steps.length - 1);
	const next = facts.stepIndex < facts.steps.length ? facts.stepIndex + 1 : facts.stepIndex;
	return `end the pause at ${stepPhrase(facts, index)} and ${canaryContinuation(facts, next)}`;
}

function canaryContinuation(facts: Facts, nextIndex: number): string {
	if (nextIndex < facts.steps.length) return `go on to ${stepPhrase(facts, nextIndex)}`;
	return `finish: ${describeRevision(facts.current.rs, facts.current.hash)} becomes stable`;
}

function planPromoteFull(rollout: Rollout, facts: Facts): Planned {
	const patches: PatchStep[] = [];
	// Only when something is not yet promoted, like the plugin.
	const promotes = facts.current.hash !== facts.stable.hash;
	if (promotes) patches.push(statusMerge({promoteFull: true}));
	if (facts.specPaused) patches.push(specMerge({paused: false}));
	if (patches.length === 0) {
		return refuse('promote-full', `nothing to promote: ${revisionLabel(facts.stable.rs, facts.stable.hash)} is already fully promoted`);
	}
	if (!promotes) {
		return {patches, summary: `Resume ${facts.name}, which was paused manually? (${revisionLabel(facts.stable.rs, facts.stable.hash)} is already fully promoted)`};
	}
	const to = describeRevision(facts.current.rs, facts.current.hash);
	const target = facts.isBlueGreen
		? `switch active Service ${rollout.spec?.strategy?.blueGreen?.activeService ?? 'active'} to ${to} now`
		: `make ${to} stable now`;
	const skipped = facts.isBlueGreen ? 'any remaining analysis and pauses' : 'all remaining steps, analysis and pauses';
	const extras = [facts.aborted ? 'ends the abort' : '', facts.specPaused ? 'clears the manual pause' : ''].filter(Boolean);
	const also = extras.length > 0 ? ` (this also ${extras.join(' and ')})` : '';
	return {patches, summary: `Fully promote ${facts.name}: ${target}, skipping ${skipped}${also}?`};
}

function planAbort(rollout: Rollout, facts: Facts): Planned {
	if (facts.aborted) {
		return refuse('abort', 'rollout is already aborted', 'use retry (r) to try again, or undo (u) to roll back the template');
	}
	if (facts.current.hash && facts.current.hash === facts.stable.hash) {
		return refuse('abort', `nothing to abort: ${revisionLabel(facts.stable.rs, facts.stable.hash)} is stable and no update is in progress`);
	}
	const stable = revisionLabel(facts.stable.rs, facts.stable.hash);
	const current = revisionLabel(facts.current.rs, facts.current.hash);
	const back = facts.isBlueGreen
		? `point active Service ${rollout.spec?.strategy?.blueGreen?.activeService ?? 'active'} back to stable ${stable}`
		: `send all traffic back to stable ${stable}`;
	return {
		patches: [statusMerge({abort: true})],
		summary: `Abort rollout ${facts.name}: ${back} and scale down ${current}?`,
	};
}

function planRetry(_rollout: Rollout, facts: Facts): Planned {
	if (!facts.aborted) return refuse('retry', 'rollout is not aborted: nothing to retry');
	return {
		patches: [statusMerge({abort: false})],
		summary: `Retry rollout ${facts.name}: leave the aborted state and roll out ${describeRevision(facts.current.rs, facts.current.hash)} again?`,
	};
}

function planUndo(rollout: Rollout, replicaSets: ReplicaSet[], facts: Facts, toRevision: number): Planned {
	if (rollout.spec?.workloadRef) {
		const ref = rollout.spec.workloadRef;
		return refuse(
			'undo',
			`undo of a rollout with spec.workloadRef is not supported`,
			`roll back the referenced ${ref.kind ?? 'workload'} ${ref.name ?? ''} instead`.trimEnd(),
		);
	}
	if (!Number.isInteger(toRevision) || toRevision < 0) {
		return refuse('undo', `invalid revision ${toRevision}: must be a positive whole number`);
	}
	const history = replicaSetsByRevision(rollout, replicaSets);
	let target: {rs: ReplicaSet; revision: number} | undefined;
	if (toRevision > 0) {
		target = history.find((entry) => entry.revision === toRevision);
		if (!target) return refuse('undo', `unable to find specified revision ${toRevision} in history`);
	} else {
		// Highest revision is the current one; the previous is the second-highest.
		target = history[1];
		if (!target) return refuse('undo', `no revision found for rollout "${facts.name}"`);
	}
	const template = target.rs.spec?.template ?? {};
	if (templateMatches(rollout.spec?.template, template)) {
		return refuse('undo', `skipped: current template already matches revision ${target.revision}`);
	}
	return {
		patches: [
			{subresource: null, type: 'json', body: [{op: 'replace', path: '/spec/template', value: withoutHashLabel(template)}]},
		],
		summary: `Roll back ${facts.name} to ${describeRevision(target.rs)}?`,
		targetRevision: target.revision,
	};
}

/**
 * RFC 3339 in UTC with seconds precision, rounded UP to the next second. The
 * controller restarts pods created *before* restartAt (compared at the API's
 * one-second precision), so truncating would spare pods created earlier in
 * the same second; a restartAt up to 1 s ahead is simply waited for.
 */
export function rfc3339Seconds(epochMs: number): string {
	return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function planRestart(_rollout: Rollout, facts: Facts, now: number): Planned {
	return {
		patches: [specMerge({restartAt: rfc3339Seconds(now)})],
		summary: `Restart all pods of ${facts.name}? They are evicted and recreated a few at a time.`,
	};
}

function planPause(_rollout: Rollout, facts: Facts): Planned {
	if (facts.specPaused) return refuse('pause', 'rollout is already paused', 'use promote (p) to resume it');
	return {
		patches: [specMerge({paused: true})],
		summary: `Pause ${facts.name}? It stays paused until you promote it.`,
	};
}

function planResume(_rollout: Rollout, facts: Facts): Planned {
	if (!facts.specPaused) {
		return facts.pauseConditionCount > 0
			? refuse('resume', 'rollout is not manually paused', 'the controller paused it: use promote (p)')
			: refuse('resume', 'rollout is not paused: nothing to resume');
	}
	return {patches: [specMerge({paused: false})], summary: `Resume ${facts.name}, which was paused manually?`};
}

/**
 * The PATCHes for `action` on `rollout` as the operator sees it, or why the
 * action is refused. `replicaSets` may hold any ReplicaSets of the namespace;
 * only those controlled by the rollout count.
 */
export function planAction(
	action: ActionName,
	rollout: Rollout,
	replicaSets: ReplicaSet[],
	opts: PlanOptions = {},
): ActionPlan | Refusal {
	const facts = factsOf(rollout, replicaSets);
	let planned: Planned;
	switch (action) {
		case 'promote':
			planned = planPromote(rollout, facts);
			break;
		case 'promote-full':
			planned = planPromoteFull(rollout, facts);
			break;
		case 'abort':
			planned = planAbort(rollout, facts);
			break;
		case 'retry':
			planned = planRetry(rollout, facts);
			break;
		case 'undo':
			planned = planUndo(rollout, replicaSets, facts, opts.toRevision ?? 0);
			break;
		case 'restart':
			planned = planRestart(rollout, facts, opts.now ?? Date.now());
			break;
		case 'pause':
			planned = planPause(rollout, facts);
			break;
		case 'resume':
			planned = planResume(rollout, facts);
			break;
	}
	if ('refused' in planned) return planned;
	const plan: ActionPlan = {
		action,
		rollout: {
			namespace: rollout.metadata?.namespace ?? 'default',
			name: facts.name,
			resourceVersion: rollout.metadata?.resourceVersion ?? '',
		},
		patches: planned.patches,
		summary: planned.summary,
	};
	if (planned.targetRevision !== undefined) plan.targetRevision = planned.targetRevision;
	return plan;
}

export interface Applicability {
	enabled: boolean;
	reason?: string;
}

/** Every action with whether it would do something now, and if not, why. */
export function applicableActions(rollout: Rollout, replicaSets: ReplicaSet[]): Record<ActionName, Applicability> {
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
	/** Highest revision: the rollout's current template (undo to it is a no-op). */
	current: boolean;
	template: NonNullable<ReplicaSet['spec']>['template'];
}

/** The rollout's revisions, newest first, for the undo revision picker. */
export function undoCandidates(rollout: Rollout, replicaSets: ReplicaSet[]): UndoCandidate[] {
	return replicaSetsByRevision(rollout, replicaSets).map((entry, index) => ({
		revision: entry.revision,
		replicaSet: entry.rs.metadata?.name ?? '',
		images: (entry.rs.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.image ? [c.image] : [])),
		current: index === 0,
		template: entry.rs.spec?.template,
	}));
}
