// A canary's step "i/n", the weight its current step asks for, and the weight
// actually reached, as `kubectl argo rollouts get` shows them.
import type {RolloutObject} from '../domain/rollout.js';
import type {ReplicaSetView} from './view.js';

export interface CanaryWeights {
	step: string | null;
	setWeight: number;
	actualWeight: number;
}

export function canaryWeights(ro: RolloutObject, replicaSets: readonly ReplicaSetView[]): CanaryWeights {
	const steps = ro.canary?.steps ?? [];
	const routed = ro.canary?.trafficRouted ?? false;
	const max = ro.canary?.maxTrafficWeight ?? 100;
	const status = ro.status;
	const rawIndex = status.currentStepIndex;
	const step = rawIndex !== undefined && steps.length > 0 ? `${rawIndex}/${steps.length}` : null;

	// No current step: no steps at all, or every step done.
	const index = Math.max(rawIndex ?? 0, 0);
	const hasStep = index < steps.length;

	let setWeight = 0;
	if (status.aborted) setWeight = 0;
	else if (!hasStep) setWeight = max;
	else {
		for (let i = index; i >= 0; i--) {
			const w = steps[i]?.setWeight;
			if (w !== undefined) {
				setWeight = w;
				break;
			}
		}
	}

	const available = status.availableReplicas;
	let actualWeight = 0;
	if (!hasStep) actualWeight = max;
	else if (available > 0) {
		if (!routed) {
			// Share of available pods that are canary pods.
			for (const rs of replicaSets) if (rs.tags.includes('canary')) actualWeight = Math.trunc((rs.available * max) / available);
		} else {
			actualWeight = status.canaryWeight ?? setWeight;
		}
	}
	return {step, setWeight, actualWeight};
}
