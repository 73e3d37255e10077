// The one theme: how each state the model names looks on a terminal. The
// model says "status Paused", "icon paused", "tag active"; the UI (ui/theme.ts)
// and the text printer (print/text.ts) both take glyphs and colours from here,
// so the live screen and `-o text` never disagree. Colours are only a second
// signal: every state has a glyph or a word of its own.
import type {IconName, PodState} from '../model/view.js';
import type {TreeNode} from '../model/tree.js';

export type Color = 'green' | 'blue' | 'yellow' | 'red' | 'cyan' | 'magenta' | 'gray';

/** Argo Rollouts' status icons (kubectl-argo-rollouts info/info.go). */
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

export const iconGlyph = (icon: IconName): string => ICON_GLYPHS[icon] ?? '?';

/** The plugin's icon colours; undefined = the terminal's default (Argo leaves these uncoloured). */
export const ICON_COLORS: Readonly<Record<IconName, Color | undefined>> = {
	waiting: 'yellow',
	progressing: 'blue',
	warning: 'red',
	unknown: 'yellow',
	ok: 'green',
	bad: 'red',
	paused: undefined,
	neutral: undefined,
};

/** Marks a Warning event: in the list (one in the last ten minutes) and before each Warning in the events section. */
export const EVENT_WARNING_GLYPH = ICON_GLYPHS.warning;

/** ReplicaSet and image tag colours, as the plugin paints them. */
export const TAG_COLORS: Readonly<Record<string, Color>> = {
	canary: 'yellow',
	stable: 'green',
	active: 'green',
	preview: 'blue',
	ping: 'blue',
	pong: 'blue',
};

/** Structural glyphs of the revision tree (the plugin's cmd/get). */
export const TREE_GLYPHS: Readonly<Record<TreeNode, string>> = {
	rollout: '⟳',
	revision: '#',
	replicaSet: '⧉',
	pod: '□',
	job: '⊞',
	service: '⑃',
	experiment: 'Σ',
	analysisRun: 'α',
};

/**
 * Pod-grid glyphs. Each state has its own shape so the grid reads without
 * colour: filled = serving, hollow = up but not ready, dotted circle = still
 * starting (Argo's "progressing"), cross = failed, slashed circle = going
 * away, question mark = unknown.
 */
export const POD_STATE_GLYPHS: Readonly<Record<PodState, string>> = {
	ready: '●',
	notReady: '○',
	failed: '✖',
	pending: '◌',
	terminating: '⊘',
	unknown: '?',
};
