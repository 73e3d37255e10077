// The planner's fixed words: what the plugin prints after an action, and the
// one-line text of a canary step.
import type {Step} from '../domain/step.js';
import type {ActionName} from './plan.js';

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
	}
}

/** Canonical one-line text of a canary step ("setWeight: 20", "pause: 30s", ...). */
export function stepText(step: Step | undefined): string {
	if (!step) return '?';
	switch (step.kind) {
		case 'setWeight':
			return `setWeight: ${step.setWeight}`;
		case 'pause': {
			const duration = step.pauseDuration;
			if (duration === undefined || duration === '') return 'pause';
			return `pause: ${typeof duration === 'number' ? `${duration}s` : duration}`;
		}
		case 'analysis':
		case 'experiment':
			return step.kind;
		case 'setCanaryScale': {
			const scale = step.scale;
			if (scale.weight !== undefined) return `setCanaryScale{weight: ${scale.weight}}`;
			if (scale.replicas !== undefined) return `setCanaryScale{replicas: ${scale.replicas}}`;
			if (scale.matchTrafficWeight) return 'setCanaryScale{matchTrafficWeight: true}';
			return 'setCanaryScale';
		}
		default:
			return step.firstKey || '?';
	}
}
