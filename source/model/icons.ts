// Argo Rollouts' status icons (kubectl-argo-rollouts info/info.go) and the
// status -> icon mappings of the plugin, plus our pod-grid glyphs.

import type {IconName, PodState} from './view.js';

export const ICON_GLYPHS: Readonly<Record<IconName, string>> = {
	waiting: '◷',
	progressing: '◌',
	warning: '⚠',
	unknown: '?',
	ok: '✔',
	bad: '✖',
	paused: '॥',
	neutral: '•',
};

/** ANSI foreground codes per icon; null = terminal default (Argo leaves these uncoloured). */
export const ICON_COLORS: Readonly<Record<IconName, number | null>> = {
	waiting: 33,
	progressing: 94,
	warning: 31,
	unknown: 33,
	ok: 32,
	bad: 31,
	paused: null,
	neutral: null,
};

/** ANSI foreground codes for ReplicaSet/image tags. */
export const TAG_COLORS: Readonly<Record<string, number>> = {
	canary: 33,
	stable: 32,
	active: 32,
	preview: 94,
	ping: 94,
	pong: 94,
};

/** Structural icons of the revision tree (cmd/get/get.go). */
export const TREE_ICONS = {
	rollout: '⟳',
	revision: '#',
	replicaSet: '⧉',
	pod: '□',
	job: '⊞',
	service: '⑃',
	experiment: 'Σ',
	analysisRun: 'α',
} as const;

/**
 * Pod-grid glyphs. Each state has its own shape so the grid reads without
 * colour: filled = serving, hollow = up but not ready, dotted circle = still
 * starting (same as Argo's "progressing"), cross = failed, slashed circle =
 * going away, question mark = unknown.
 */
export const POD_STATE_GLYPHS: Readonly<Record<PodState, string>> = {
	ready: '●',
	notReady: '○',
	failed: '✖',
	pending: '◌',
	terminating: '⊘',
	unknown: '?',
};

export const iconGlyph = (icon: IconName): string => ICON_GLYPHS[icon] ?? '?';

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
