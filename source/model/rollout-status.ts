// The rollout's status and message, as `kubectl argo rollouts get` computes
// them (GetRolloutPhase, falling back to CalculateRolloutPhase for
// controllers older than v1.0 that do not write status.phase).

import type {Rollout} from './objects.js';
import {atoi, bool, dict, dicts, int, list, metadataOf, str, strEntry, time, type Dict} from './safe.js';

export interface RolloutStatus {
	status: string;
	message: string;
}

const WORKLOAD_GENERATION = 'rollout.argoproj.io/workload-generation';
const INT32_MAX = 2 ** 31 - 1;

/** The strategy block that decides behaviour; canary wins if both are set, as in the plugin. */
export function rolloutStrategy(rollout: Rollout | unknown): 'BlueGreen' | 'Canary' {
	const strategy = dict(dict(dict(rollout)['spec'])['strategy']);
	if (isSet(strategy['canary'])) return 'Canary';
	if (isSet(strategy['blueGreen'])) return 'BlueGreen';
	// A rollout without a strategy is invalid; show it as canary (the controller's default shape).
	return 'Canary';
}

const isSet = (x: unknown): boolean => x !== undefined && x !== null;

export function rolloutStatus(rollout: Rollout | unknown): RolloutStatus {
	const ro = dict(rollout);
	const spec = dict(ro['spec']);
	const status = dict(ro['status']);
	const m = metadataOf(ro);
	const generation = int(m['generation']) ?? 0;

	// observedGeneration is a string; a non-number (v0.9 hash) or a newer value counts as observed.
	const observed = atoi(status['observedGeneration']);
	if (observed !== undefined && observed < generation) {
		return {status: 'Progressing', message: 'waiting for rollout spec update to be observed'};
	}
	// A user cleared the pause conditions but the controller has not reacted yet.
	if (bool(status['controllerPause']) && list(status['pauseConditions']).length === 0) {
		return {status: 'Progressing', message: 'waiting for rollout to unpause'};
	}
	if (bool(spec['templateResolvedFromRef']) && !workloadGenerationObserved(strEntry(m['annotations'], WORKLOAD_GENERATION), status)) {
		return {
			status: 'Progressing',
			message: 'waiting for rollout spec update to be observed for the reference workload',
		};
	}
	const phase = str(status['phase']);
	if (phase !== '') return {status: phase, message: str(status['message'])};
	return calculateRolloutPhase(spec, status);
}

function workloadGenerationObserved(annotation: string | undefined, status: Dict): boolean {
	const wanted = atoi(annotation);
	if (wanted === undefined || Math.abs(wanted) > INT32_MAX) return true;
	const seen = atoi(status['workloadObservedGeneration']);
	if (seen === undefined || Math.abs(seen) > INT32_MAX) return true;
	return seen === wanted;
}

const COMPLETED_ANALYSIS = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);

/** The controller's own phase computation (CalculateRolloutPhase), rule by rule. */
export function calculateRolloutPhase(specIn: unknown, statusIn: unknown): RolloutStatus {
	const spec = dict(specIn);
	const status = dict(statusIn);
	const strategy = dict(spec['strategy']);

	// Conditions are scanned once, in order; each is checked for both rules,
	// so whichever degrading condition comes first wins.
	for (const cond of dicts(status['conditions'])) {
		if (str(cond['type']) === 'InvalidSpec') {
			return {status: 'Degraded', message: `InvalidSpec: ${str(cond['message'])}`};
		}
		const reason = str(cond['reason']);
		if (reason === 'RolloutAborted' || reason === 'ProgressDeadlineExceeded') {
			return {status: 'Degraded', message: `${reason}: ${str(cond['message'])}`};
		}
	}
	if (bool(spec['paused'])) return {status: 'Paused', message: 'manually paused'};
	const pauses = list(status['pauseConditions']);
	if (pauses.length > 0) return {status: 'Paused', message: str(dict(pauses[0])['reason'])};

	const restartAt = spec['restartAt'];
	if (isSet(restartAt) && restartAt !== '') {
		const wanted = time(restartAt);
		const done = time(status['restartedAt']);
		if (done === undefined || wanted !== done) return {status: 'Progressing', message: 'rollout is restarting'};
	}

	const desired = int(spec['replicas']) ?? 1;
	const updated = int(status['updatedReplicas']) ?? 0;
	const available = int(status['availableReplicas']) ?? 0;
	const replicas = int(status['replicas']) ?? 0;
	if (updated < desired) return {status: 'Progressing', message: 'more replicas need to be updated'};
	if (available < updated) return {status: 'Progressing', message: 'updated replicas are still becoming available'};

	const currentPodHash = str(status['currentPodHash']);
	const stableRS = str(status['stableRS']);
	const fullyPromoted = stableRS !== '' && stableRS === currentPodHash;

	if (isSet(strategy['blueGreen'])) {
		const bg = dict(status['blueGreen']);
		const active = str(bg['activeSelector']);
		if (active === '' || active !== currentPodHash) {
			return {status: 'Progressing', message: 'active service cutover pending'};
		}
		if (!fullyPromoted) {
			// Switched, but not yet stable: post-promotion analysis or verification.
			const wantsPost = isSet(dict(strategy['blueGreen'])['postPromotionAnalysis']);
			const run = bg['postPromotionAnalysisRunStatus'];
			const runDone = isSet(run) && COMPLETED_ANALYSIS.has(str(dict(run)['status']));
			return {
				status: 'Progressing',
				message:
					wantsPost && !runDone
						? 'waiting for analysis to complete'
						: 'waiting for post-promotion verification to complete',
			};
		}
	} else if (isSet(strategy['canary'])) {
		// Only a basic canary waits for old pods: the others keep them on purpose (scale-down delay).
		if (!isSet(dict(strategy['canary'])['trafficRouting']) && replicas > updated) {
			return {status: 'Progressing', message: 'old replicas are pending termination'};
		}
		if (!fullyPromoted) return {status: 'Progressing', message: 'waiting for all steps to complete'};
	}
	return {status: 'Healthy', message: ''};
}
