// Colours are only ever a second signal: every state also has a glyph or a
// word, so the UI reads the same with --no-color or NO_COLOR.
import type {IconName, PodState} from '../model/view.js';
import {iconGlyph, POD_STATE_GLYPHS} from '../model/icons.js';
import {seg, type Color, type Segment} from './lines.js';

const ICON_COLORS: Record<IconName, Color | undefined> = {
	waiting: 'yellow',
	progressing: 'blue',
	warning: 'red',
	unknown: 'yellow',
	ok: 'green',
	bad: 'red',
	paused: undefined,
	neutral: undefined,
};

export const iconColor = (icon: IconName): Color | undefined => ICON_COLORS[icon];

/** "✔ Healthy", coloured by its icon. */
export const statusSegment = (icon: IconName, status: string): Segment =>
	seg(`${iconGlyph(icon)} ${status}`, {color: ICON_COLORS[icon]});

const TAG_COLORS: Record<string, Color> = {
	stable: 'green',
	active: 'green',
	preview: 'blue',
	canary: 'yellow',
	ping: 'blue',
	pong: 'blue',
};

export const tagColor = (tag: string): Color | undefined => TAG_COLORS[tag];

/** The colour of a ReplicaSet: its most telling tag's. */
export function roleColor(tags: string[]): Color | undefined {
	for (const tag of ['active', 'preview', 'canary', 'stable']) if (tags.includes(tag)) return TAG_COLORS[tag];
	return undefined;
}

/** Pod-grid cells: the model's distinct glyphs, so the grid reads without colour. */
const cell = (state: PodState, color: Color, label: string) => ({glyph: POD_STATE_GLYPHS[state], color, label});
export const POD_CELLS: Record<PodState, {glyph: string; color: Color; label: string}> = {
	ready: cell('ready', 'green', 'ready'),
	notReady: cell('notReady', 'yellow', 'not ready'),
	pending: cell('pending', 'blue', 'starting'),
	failed: cell('failed', 'red', 'failed'),
	terminating: cell('terminating', 'gray', 'terminating'),
	unknown: cell('unknown', 'yellow', 'unknown'),
};
