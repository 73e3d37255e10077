// The rollout's status and message, as `kubectl argo rollouts get` computes
// them (GetRolloutPhase, falling back to CalculateRolloutPhase for
// controllers older than v1.0 that do not write status.phase).

import type {RolloutObject} from '../domain/rollout.js';

export interface RolloutStatus {
	status: string;
	message: string;
}

const INT32_MAX = 2 ** 31 - 1;

export function rolloutStatus(ro: RolloutObject): RolloutStatus {
	const status = ro.status;
	// observedGeneration is a string; a non-number (v0.9 hash) or a newer value counts as observed.
	if (status.observedGeneration !== undefined && status.observedGeneration < ro.meta.generation) {
		return {status: 'Progressing', message: 'waiting for rollout spec update to be observed'};
	}
	// A user cleared the pause conditions but the controller has not reacted yet.
	if (status.controllerPause && status.pauseReasons.length === 0) {
		return {status: 'Progressing', message: 'waiting for rollout to unpause'};
	}
	if (ro.templateResolvedFromRef && !workloadGenerationObserved(ro)) {
		return {
			status: 'Progressing',
			message: 'waiting for rollout spec update to be observed for the reference workload',
		};
	}
	if (status.phase !== '') return {status: status.phase, message: status.message};
	return calculateRolloutPhase(ro);
}

function workloadGenerationObserved(ro: RolloutObject): boolean {
	const wanted = ro.workloadGeneration;
	if (wanted === undefined || Math.abs(wanted) > INT32_MAX) return true;
	const seen = ro.status.workloadObservedGeneration;
	if (seen === undefined || Math.abs(seen) > INT32_MAX) return true;
	return seen === wanted;
}

const COMPLETED_ANALYSIS = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);

/** The controller's own phase computation (CalculateRolloutPhase), rule by rule. */
export function calculateRolloutPhase(ro: RolloutObject): RolloutStatus {
	const status = ro.status;
	// Conditions are scanned once, in order; each is checked for both rules,
	// so whichever degrading condition comes first wins.
	for (const cond of status.conditions) {
		if (cond.type === 'InvalidSpec') return {status: 'Degraded', message: `InvalidSpec: ${cond.message}`};
		if (cond.reason === 'RolloutAborted' || cond.reason === 'ProgressDeadlineExceeded') {
			return {status: 'Degraded', message: `${cond.reason}: ${cond.message}`};
		}
	}
	if (ro.specPaused) return {status: 'Paused', message: 'manually paused'};
	if (status.pauseReasons.length > 0) return {status: 'Paused', message: status.pauseReasons[0]!};

	if (ro.restartAtSet && (status.restartedAtMs === undefined || ro.restartAtMs !== status.restartedAtMs)) {
		return {status: 'Progressing', message: 'rollout is restarting'};
	}

	const desired = ro.replicas ?? 1;
	if (status.updatedReplicas < desired) return {status: 'Progressing', message: 'more replicas need to be updated'};
	if (status.availableReplicas < status.updatedReplicas) {
		return {status: 'Progressing', message: 'updated replicas are still becoming available'};
	}
	return strategyPhase(ro) ?? {status: 'Healthy', message: ''};
}

/** The strategy's own "not done yet", or null when it is done. */
function strategyPhase(ro: RolloutObject): RolloutStatus | null {
	const status = ro.status;
	const fullyPromoted = status.stableRS !== '' && status.stableRS === status.currentPodHash;
	if (ro.blueGreen !== null) {
		if (status.activeSelector === '' || status.activeSelector !== status.currentPodHash) {
			return {status: 'Progressing', message: 'active service cutover pending'};
		}
		if (fullyPromoted) return null;
		// Switched, but not yet stable: post-promotion analysis or verification.
		const run = status.postPromotionAnalysisStatus;
		const runDone = run !== null && COMPLETED_ANALYSIS.has(run);
		return {
			status: 'Progressing',
			message:
				ro.blueGreen.postPromotionAnalysis && !runDone
					? 'waiting for analysis to complete'
					: 'waiting for post-promotion verification to complete',
		};
	}
	if (ro.canary !== null) {
		// Only a basic canary waits for old pods: the others keep them on purpose (scale-down delay).
		if (!ro.canary.trafficRouted && status.replicas > status.updatedReplicas) {
			return {status: 'Progressing', message: 'old replicas are pending termination'};
		}
		if (!fullyPromoted) return {status: 'Progressing', message: 'waiting for all steps to complete'};
	}
	return null;
}
