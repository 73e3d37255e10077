// Colours are only ever a second signal: every state also has a glyph or a
// word, so the UI reads the same with --no-color or NO_COLOR.
import type {IconName, PodState} from '../model/view.js';
import {ICON_COLORS, iconGlyph, POD_STATE_GLYPHS, TAG_COLORS} from '../model/icons.js';
import {seg, type Color, type Segment} from './lines.js';

// Argo's colours live in the model (as ANSI codes, for the text printer); the
// UI names the same colours for Ink, so the two can never disagree.
const ANSI_TO_INK: Record<number, Color> = {31: 'red', 32: 'green', 33: 'yellow', 94: 'blue'};
const inkColor = (code: number | null | undefined): Color | undefined => (code == null ? undefined : ANSI_TO_INK[code]);

export const iconColor = (icon: IconName): Color | undefined => inkColor(ICON_COLORS[icon]);

/** "✔ Healthy", coloured by its icon. */
export const statusSegment = (icon: IconName, status: string): Segment =>
	seg(`${iconGlyph(icon)} ${status}`, {color: iconColor(icon)});

export const tagColor = (tag: string): Color | undefined => inkColor(TAG_COLORS[tag]);

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
