// The plugin's status -> icon mappings (kubectl-argo-rollouts info/info.go):
// which health category each status falls in. How a category looks (glyph,
// colour) is the theme's business (terminal/theme.ts), not the model's.

import type {IconName} from './view.js';

// Argo prints a blank icon for statuses it does not know; the view needs an
// IconName, so those map to "unknown" here.

export function rolloutIcon(status: string): IconName {
	switch (status) {
		case 'Progressing':
			return 'progressing';
		case 'Error':
		case 'InvalidSpec':
			return 'warning';
		case 'Paused':
			return 'paused';
		case 'Healthy':
			return 'ok';
		case 'Degraded':
			return 'bad';
		case 'ScaledDown':
			return 'neutral';
		default:
			return 'unknown';
	}
}

export function replicaSetIcon(status: string): IconName {
	switch (status) {
		case 'Progressing':
			return 'progressing';
		case 'Healthy':
			return 'ok';
		case 'ReplicaFailure':
			return 'bad';
		case 'ScaledDown':
			return 'neutral';
		default:
			return 'unknown';
	}
}

export function podIcon(status: string): IconName {
	if (status.startsWith('Init:')) return 'progressing';
	if (status.startsWith('Signal:') || status.startsWith('ExitCode:')) return 'bad';
	// Kubelet's image and runtime errors: ErrImagePull, CreateContainerError, ...
	if (status.endsWith('Error') || status.startsWith('Err')) return 'warning';
	switch (status) {
		case 'Pending':
		case 'Terminating':
		case 'ContainerCreating':
			return 'progressing';
		case 'Running':
		case 'Completed':
			return 'ok';
		case 'Failed':
		case 'InvalidImageName':
		case 'CrashLoopBackOff':
			return 'bad';
		case 'ImagePullBackOff':
		case 'RegistryUnavailable':
			return 'warning';
		default:
			return 'unknown';
	}
}

/** AnalysisRun and Experiment phases. An empty phase (not yet reconciled) counts as waiting. */
export function analysisIcon(phase: string): IconName {
	switch (phase) {
		case 'Successful':
			return 'ok';
		case 'Inconclusive':
			return 'unknown';
		case 'Failed':
			return 'bad';
		case 'Error':
			return 'warning';
		case 'Running':
			return 'progressing';
		case 'Pending':
		case '':
			return 'waiting';
		default:
			return 'unknown';
	}
}
