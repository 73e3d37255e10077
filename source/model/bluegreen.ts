// Blue-green depth: preview scaling, auto-promotion, pre/post-promotion
// analysis, and what the rollout is waiting for, in words.
import type {RolloutObject, RunRef} from '../domain/rollout.js';
import type {BlueGreenView} from './view.js';

export function blueGreenView(ro: RolloutObject): BlueGreenView | null {
	const bg = ro.blueGreen;
	if (bg === null || ro.canary !== null) return null;
	return {
		autoPromotionEnabled: bg.autoPromotionEnabled,
		autoPromotionSeconds: bg.autoPromotionSeconds,
		previewReplicaCount: bg.previewReplicaCount,
		scaleUpPreviewCheckPoint: ro.status.scaleUpPreviewCheckPoint,
		prePromotion: bg.prePromotionAnalysis ? ro.status.runs.prePromotion : null,
		postPromotion: bg.postPromotionAnalysis ? ro.status.runs.postPromotion : null,
	};
}

const DONE = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);
const running = (run: RunRef | null): boolean => run !== null && run.name !== '' && !DONE.has(run.status);

/**
 * What a blue-green update waits for, in the order of its sequence: the
 * pre-promotion analysis, the promotion itself, the post-promotion analysis;
 * null when it waits for nothing of these.
 */
export function blueGreenStage(ro: RolloutObject, phase: string): string | null {
	const bg = ro.blueGreen;
	if (bg === null || ro.canary !== null || ro.status.aborted) return null;
	const {prePromotion, postPromotion} = ro.status.runs;
	const hash = ro.status.currentPodHash;
	const promoted = hash !== '' && ro.status.activeSelector === hash;
	if (!promoted && bg.prePromotionAnalysis && running(prePromotion)) return 'waiting for pre-promotion analysis';
	if (!promoted && ro.status.pauseReasons.includes('BlueGreenPause')) {
		return bg.previewReplicaCount !== null && !ro.status.scaleUpPreviewCheckPoint
			? `waiting for promote (preview at ${bg.previewReplicaCount} replicas)`
			: 'waiting for promote';
	}
	if (promoted && bg.postPromotionAnalysis && ro.status.stableRS !== hash && phase !== 'Degraded') {
		return running(postPromotion) || postPromotion === null ? 'waiting for post-promotion analysis' : null;
	}
	return null;
}
