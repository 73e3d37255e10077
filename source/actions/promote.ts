// The promote and promote-full rules: which status and spec patches move the
// rollout on, in which order, and how to say it.
import type {PatchStep} from './plan.js';
import {refuse, specMerge, statusMerge, stepPhrase, type Facts, type Planned} from './facts.js';
import {describeRevision, revisionLabel} from './replicasets.js';

export function planPromote(facts: Facts): Planned {
	// The controller ignores pause conditions and resets canary steps while
	// aborted, so a plain promote would report success and change nothing.
	if (facts.aborted) {
		return refuse('promote', 'rollout is aborted', 'use retry (r) to try again, or promote-full (P) to skip all steps');
	}
	const status = facts.rollout.status;
	const inconclusive = status.currentStepAnalysisStatus === 'Inconclusive';
	const hasSteps = facts.steps.length > 0;
	// The plugin advances the index only while it is below len(steps).
	const nextIndex = facts.stepIndex < facts.steps.length ? facts.stepIndex + 1 : facts.stepIndex;

	let statusPatch: PatchStep | null = null;
	let what: string;
	if (!facts.isBlueGreen && inconclusive && facts.pauseConditionCount > 0 && status.controllerPause) {
		// Clearing controllerPause too, or the rollout stays stuck when the next step is a pause.
		if (hasSteps) {
			statusPatch = statusMerge({pauseConditions: null, controllerPause: false, currentStepIndex: nextIndex});
		}
		const at = hasSteps ? ` at ${stepPhrase(facts, Math.min(facts.stepIndex, facts.steps.length - 1))}` : '';
		what = `accept the inconclusive analysis${at} and ${canaryContinuation(facts, nextIndex)}`;
	} else if (facts.pauseConditionCount > 0) {
		statusPatch = statusMerge({pauseConditions: null});
		what = facts.isBlueGreen ? blueGreenSwitch(facts) : canaryPauseEnd(facts);
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
		return refuse('promote', nothingToPromote(facts), promoteFullHint(facts));
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

function nothingToPromote(facts: Facts): string {
	if (facts.isBlueGreen) {
		return facts.rollout.status.controllerPause
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

function blueGreenSwitch(facts: Facts): string {
	const service = facts.activeService;
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

export function planPromoteFull(facts: Facts): Planned {
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
		? `switch active Service ${facts.activeService} to ${to} now`
		: `make ${to} stable now`;
	const skipped = facts.isBlueGreen ? 'any remaining analysis and pauses' : 'all remaining steps, analysis and pauses';
	const extras = [facts.aborted ? 'ends the abort' : '', facts.specPaused ? 'clears the manual pause' : ''].filter(Boolean);
	const also = extras.length > 0 ? ` (this also ${extras.join(' and ')})` : '';
	return {patches, summary: `Fully promote ${facts.name}: ${target}, skipping ${skipped}${also}?`};
}
