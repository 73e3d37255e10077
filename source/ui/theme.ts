// The live UI's use of the theme (terminal/theme.ts): status segments, role
// colours, pod-grid cells. Colours are only ever a second signal: every state
// also has a glyph or a word, so the UI reads the same with --no-color.
import type {IconName, PodState} from '../model/view.js';
import {ICON_COLORS, iconGlyph, POD_STATE_GLYPHS, TAG_COLORS, type Color} from '../terminal/theme.js';
import {seg, type Segment} from './lines.js';

export const iconColor = (icon: IconName): Color | undefined => ICON_COLORS[icon];

/** "✔ Healthy", coloured by its icon. */
export const statusSegment = (icon: IconName, status: string): Segment =>
	seg(`${iconGlyph(icon)} ${status}`, {color: iconColor(icon)});

export const tagColor = (tag: string): Color | undefined => TAG_COLORS[tag];

/** A ReplicaSet's most telling tag, in traffic order (live lane first); "old" when it has none. */
export const ROLE_ORDER = ['active', 'preview', 'canary', 'stable', 'old'] as const;
export const roleOf = (tags: string[]): (typeof ROLE_ORDER)[number] => ROLE_ORDER.find(tag => tags.includes(tag)) ?? 'old';

/** The colour of a ReplicaSet: its role's. */
export const roleColor = (tags: string[]): Color | undefined => tagColor(roleOf(tags));

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
