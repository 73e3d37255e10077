// The rollout list as a table of styled lines. Columns drop out, least
// useful first, when the terminal is narrow; name and status always stay.
// A plain Box table (not ink-table) because rows must be selectable,
// scrollable and cut to the terminal's width.
import {age} from '../model/duration.js';
import {hasRecentWarning} from '../model/events.js';
import type {RolloutView} from '../model/view.js';
import {EVENT_WARNING_GLYPH} from '../terminal/theme.js';
import {fit, padLine, seg, type Line, type Segment} from './lines.js';
import {statusSegment} from './theme.js';
import {listTimer} from './countdown-lines.js';

interface Column {
	title: string;
	width: (views: RolloutView[], now: number) => number;
	cell: (view: RolloutView, now: number) => Segment;
	/** Lower goes first when space runs out; undefined never goes. */
	dropOrder?: number;
	/** The width to take when there is room, so a change of content does not move the columns after it. */
	roomyWidth?: number;
}

const longest = (values: string[], min: number) => Math.max(min, ...values.map(v => v.length)) + 2;

const progress = (v: RolloutView) =>
	v.strategy === 'Canary' ? `${v.step ?? '-'} ${v.setWeight ?? '-'}%` : '';

const COLUMNS = (allNamespaces: boolean): Column[] => [
	...(allNamespaces
		? [{title: 'NAMESPACE', width: (vs: RolloutView[]) => longest(vs.map(v => v.namespace), 9), cell: (v: RolloutView) => seg(v.namespace), dropOrder: 5}]
		: []),
	{title: 'NAME', width: vs => Math.min(40, longest(vs.map(v => v.name), 4)), cell: v => seg(v.name, {bold: v.needsAttention})},
	{title: 'STRATEGY', width: () => 11, cell: v => seg(v.strategy), dropOrder: 2},
	{title: 'STATUS', width: vs => longest(vs.map(v => `x ${v.status}`), 6), cell: v => statusSegment(v.icon, v.status), roomyWidth: 'x Progressing'.length + 2},
	{title: 'STEP', width: vs => longest(vs.map(progress), 4), cell: v => seg(progress(v)), dropOrder: 3},
	{title: 'READY', width: () => 7, cell: v => seg(`${v.replicas.ready}/${v.replicas.desired}`), dropOrder: 6},
	{title: 'REV', width: () => 5, cell: v => seg(v.currentRevision === null ? '-' : String(v.currentRevision)), dropOrder: 1},
	// The controller's next timer ("resumes in 4m 12s"); present only while some rollout has one.
	{title: 'NEXT', width: (vs, now) => next(vs, now), cell: (v, now) => seg(listTimer(v, now), {color: 'yellow'}), dropOrder: 3.5},
	{title: 'AGE', width: () => 6, cell: (v, now) => seg(v.createdAt ? age(v.createdAt, now) : ''), dropOrder: 4},
	{title: 'MESSAGE', width: () => 0, cell: v => seg(v.message, {dim: true}), dropOrder: 0},
];

/** The NEXT column's width; -1 (left out) when no rollout has a timer. */
function next(views: RolloutView[], now: number): number {
	const texts = views.map(v => listTimer(v, now)).filter(t => t !== '');
	return texts.length === 0 ? -1 : longest(texts, 18);
}

/** The marks before the first column: the selection, and attention (a recent Warning event, or a rollout that needs a person). */
const MARKS = 2;

/** Picks the columns that fit `width`, dropping by dropOrder; a width of -1 leaves a column out. */
function fitColumns(columns: Column[], views: RolloutView[], width: number, now: number): Array<{column: Column; width: number}> {
	let chosen = columns.map(column => ({column, width: column.width(views, now)})).filter(c => c.width >= 0);
	const total = () => chosen.reduce((sum, c) => sum + c.width, MARKS);
	const droppable = [...chosen].filter(c => c.column.dropOrder !== undefined).sort((a, b) => a.column.dropOrder! - b.column.dropOrder!);
	// MESSAGE takes what is left, so drop it only when less than 12 columns remain.
	for (const c of droppable) {
		const needed = c.column.title === 'MESSAGE' ? 12 : 0;
		if (total() + needed <= width) break;
		chosen = chosen.filter(x => x !== c);
	}
	// Still too wide: the name gives up columns (down to 6) so the status stays visible.
	const name = chosen.find(c => c.column.title === 'NAME');
	if (name && total() > width) name.width = Math.max(6, name.width - (total() - width));
	for (const c of chosen) {
		const room = width - total() - (chosen.some(x => x.column.title === 'MESSAGE') ? 12 : 0);
		if (c.column.roomyWidth && c.width < c.column.roomyWidth && room > 0) c.width = Math.min(c.column.roomyWidth, c.width + room);
	}
	return chosen;
}

export interface ListLines {
	header: Line;
	rows: Line[];
}

/** Column widths come from every view; rows are built only for `window` (the part on screen). */
export function listLines(
	views: RolloutView[],
	selected: string | null,
	now: number,
	width: number,
	allNamespaces: boolean,
	window: {offset: number; height: number} = {offset: 0, height: views.length},
): ListLines {
	const columns = fitColumns(COLUMNS(allNamespaces), views, width, now);
	// Column widths include a two-space gap, kept even when a cell is cut.
	const cut = (text: string, w: number) => (w ? `${fit(text, w - 2)}  ` : text);
	const header: Line = [seg(' '.repeat(MARKS)), ...columns.map(c => seg(cut(c.column.title, c.width), {dim: true}))];
	const rows = views.slice(window.offset, window.offset + window.height).map(view => {
		const isSelected = `${view.namespace}/${view.name}` === selected;
		// "›" marks the selection, "⚠" a Warning event in the last ten minutes (the more telling mark, so it wins)
		// and "!" a rollout that needs a person, so all read without colour.
		const marker = seg(isSelected ? '›' : ' ', {bold: true});
		const attention = hasRecentWarning(view.lastWarningAt, now)
			? seg(EVENT_WARNING_GLYPH, {bold: true, color: 'red'})
			: seg(view.needsAttention ? '!' : ' ', {bold: true, color: view.status === 'Degraded' ? 'red' : 'yellow'});
		const cells = columns.map(c => {
			const cell = c.column.cell(view, now);
			return {...cell, text: cut(cell.text, c.width)};
		});
		const line: Line = [marker, attention, ...cells];
		return isSelected ? padLine(line, width).map(s => ({...s, inverse: true})) : line;
	});
	return {header, rows};
}
