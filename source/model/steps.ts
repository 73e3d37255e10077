// A canary's steps in order: what each asks for, which are done, which one
// runs now and what it is doing (the Argo dashboard's Steps column, #1183).
import type {ExperimentObject} from '../domain/analysis.js';
import type {RolloutObject, RunRef} from '../domain/rollout.js';
import type {Step} from '../domain/step.js';
import {pauseEndsAt} from './pause.js';
import type {StepLive, StepState, StepView} from './view.js';

const list = (names: string[]): string => names.join(', ');

/** A pause duration as written: a bare number counts seconds. */
export const durationText = (d: string | number): string => (typeof d === 'number' ? `${d}s` : d);

/** One line of words per step ("setWeight 20", "pause until promoted", "analysis: success-rate"). */
export function describeStep(step: Step): string {
	switch (step.kind) {
		case 'setWeight':
			return `setWeight ${step.setWeight ?? '?'}`;
		case 'pause':
			return step.pauseDuration === undefined || step.pauseDuration === '' ? 'pause until promoted' : `pause ${durationText(step.pauseDuration)}`;
		case 'analysis':
			return step.templates.length > 0 ? `analysis: ${list(step.templates)}` : 'analysis';
		case 'experiment': {
			let text = step.templates.length > 0 ? `experiment: ${list(step.templates)}` : 'experiment';
			if (step.experimentDuration !== '') text += ` for ${step.experimentDuration}`;
			if (step.experimentAnalyses.length > 0) text += `, analyses ${list(step.experimentAnalyses)}`;
			return text;
		}
		case 'setCanaryScale': {
			const {weight, replicas, matchTrafficWeight} = step.scale;
			if (weight !== undefined) return `setCanaryScale weight ${weight}`;
			if (replicas !== undefined) return `setCanaryScale replicas ${replicas}`;
			return matchTrafficWeight ? 'setCanaryScale matchTrafficWeight' : 'setCanaryScale';
		}
		case 'setHeaderRoute':
			return step.matchCount === 0 ? `setHeaderRoute ${step.name} (remove)` : `setHeaderRoute ${step.name}`;
		case 'setMirrorRoute': {
			if (step.matchCount === 0) return `setMirrorRoute ${step.name} (remove)`;
			return `setMirrorRoute ${step.name}${step.percentage === undefined ? '' : ` ${step.percentage}%`}`;
		}
		case 'plugin':
			return `plugin ${step.name}`;
		default:
			return step.firstKey || 'unknown step';
	}
}

/** The index of the step running now: null when aborted, when every step is done, or without steps. */
export function currentStepIndex(ro: RolloutObject): number | null {
	const steps = ro.canary?.steps ?? [];
	if (ro.status.aborted) return null;
	const index = Math.max(0, ro.status.currentStepIndex ?? 0);
	return index < steps.length ? index : null;
}

/** Every step with its state; null for blue-green. `experiments` are the rollout's own. */
export function stepViews(ro: RolloutObject, experiments: readonly ExperimentObject[], actualWeight: number | null): StepView[] | null {
	if (ro.canary === null) return null;
	const steps = ro.canary.steps;
	const current = currentStepIndex(ro);
	// Aborted: the controller holds currentStepIndex at 0 and nothing counts as done.
	const done = ro.status.aborted ? 0 : Math.max(0, ro.status.currentStepIndex ?? 0);
	return steps.map((step, index): StepView => {
		const state: StepState = index === current ? 'current' : index < done ? 'done' : 'pending';
		return {
			index,
			kind: step.kind === 'other' ? step.firstKey : step.kind,
			text: describeStep(step),
			state,
			live: state === 'current' ? liveState(ro, step, experiments, actualWeight) : null,
		};
	});
}

function liveState(ro: RolloutObject, step: Step, experiments: readonly ExperimentObject[], actualWeight: number | null): StepLive {
	const status = ro.status;
	const live = (text: string, run: RunRef | null = null, resumesAt: string | null = null): StepLive => ({text, resumesAt, run});
	if (status.pauseReasons.includes('InconclusiveAnalysisRun')) return live('analysis inconclusive: waiting for promote', status.runs.step);
	if (status.pauseReasons.includes('InconclusiveExperiment')) return live('experiment inconclusive: waiting for promote');
	switch (step.kind) {
		case 'pause': {
			if (status.pauseReasons.includes('CanaryPauseStep')) {
				const resumesAt = pauseEndsAt(ro);
				return resumesAt === null ? live('waiting for promote') : live('paused', null, resumesAt);
			}
			return live(status.controllerPause ? 'resuming' : 'pausing');
		}
		case 'setWeight':
			return live(`actual weight ${actualWeight ?? 0} of ${step.setWeight ?? 0}`);
		case 'analysis': {
			const run = status.runs.step;
			if (run === null || run.name === '') return live('starting analysis');
			return live(`analysis ${run.status || 'Pending'}${run.message ? `: ${run.message}` : ''}`, run);
		}
		case 'experiment': {
			const name = status.currentExperiment;
			const exp = experiments.find((e) => e.meta.name === name);
			if (name === '' || exp === undefined) return live(name === '' ? 'starting experiment' : `experiment ${name}`);
			const run: RunRef = {name, status: exp.phase, message: exp.message};
			return live(`experiment ${exp.phase || 'Pending'}${exp.message ? `: ${exp.message}` : ''}`, run);
		}
		default:
			return live('in progress');
	}
}
