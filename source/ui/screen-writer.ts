// Puts frames (arrays of styled lines) on a full-screen terminal, writing only
// what changed: the writer keeps a model of the screen (one Row per line),
// compares each new frame with it cell by cell, and sends the changed runs
// with absolute cursor addressing, so an unchanged frame costs nothing and an
// age ticking from 3m to 4m costs one short write. Absolute addressing also
// means a glyph the terminal measures differently cannot shift later rows.
import type {Line} from './lines.js';
import {blankRow, lineKey, rowText, toRow, type Row} from './screen-rows.js';
import {planScrolls} from './screen-scrolls.js';

export interface Output {
	write(text: string): boolean;
	once?(event: 'drain', listener: () => void): unknown;
}

export interface ScreenSize {
	columns: number;
	rows: number;
}

export interface WriterOptions {
	/** false: no colour codes (bold, dim and inverse stay; they are not colour). */
	colour: boolean;
	/** Wrap each update in synchronized-output marks (DEC mode 2026), so a terminal that knows them shows it at once. */
	synchronized?: boolean;
}

const CSI = '\u001B[';
const SYNC_START = `${CSI}?2026h`;
const SYNC_END = `${CSI}?2026l`;
const HIDE_CURSOR = `${CSI}?25l`;
const RESET = `${CSI}m`;
const CLEAR_SCREEN = `${RESET}${CSI}H${CSI}2J`;
const ERASE_TO_END = `${CSI}K`;
/** Unchanged columns between two changes that are cheaper rewritten than jumped over (a cursor move is ~8 bytes). */
const MERGE_GAP = 8;

type Run = [start: number, end: number];

/**
 * Column ranges where `after` differs from `before`, close ranges merged.
 * Wide characters need no widening: a run cannot start on a right half (the
 * column before would hold the same wide character in both rows), and a cell
 * a wide character leaves or takes over differs in the two rows, so it is in
 * the run already.
 */
export function changedRuns(before: Row, after: Row): Run[] {
	const runs: Run[] = [];
	let current: Run | null = null;
	for (let c = 0; c < after.chars.length; c++) {
		if (before.chars[c] === after.chars[c] && before.styles[c] === after.styles[c]) continue;
		if (current && c - current[1] <= MERGE_GAP) current[1] = c;
		else runs.push((current = [c, c]));
	}
	return runs;
}

/** Escapes that turn row `y` of the screen from `before` into `after`; `pen` is the SGR state, carried across rows. */
function rowUpdate(y: number, before: Row, after: Row, pen: {sgr: string}): string {
	let out = '';
	for (const [start, end] of changedRuns(before, after)) {
		out += start === 0 ? `${CSI}${y + 1}H` : `${CSI}${y + 1};${start + 1}H`;
		const inkEnd = Math.min(end, after.lastInk);
		for (let c = start; c <= inkEnd; c++) {
			const ch = after.chars[c]!;
			if (ch === '') continue;
			const style = after.styles[c]!;
			if (style !== pen.sgr) {
				out += style === '' ? RESET : pen.sgr === '' ? `${CSI}${style}m` : `${CSI}0;${style}m`;
				pen.sgr = style;
			}
			out += ch;
		}
		if (end > after.lastInk) {
			// The rest of the row is blank: erase it with the default style, which also covers any later run.
			if (pen.sgr !== '') out += RESET;
			pen.sgr = '';
			out += ERASE_TO_END;
			break;
		}
	}
	return out;
}

export class ScreenWriter {
	private rows: Row[] = [];
	/** The line each row was laid out from: the same line object again needs no comparing at all. */
	private sources: Line[] = [];
	private size: ScreenSize | null = null;
	private waiting = false;
	private pending: {lines: readonly Line[]; size: ScreenSize} | null = null;
	/** Totals, for tests and benchmarks. */
	bytes = 0;
	writes = 0;

	constructor(
		private readonly out: Output,
		private readonly options: WriterOptions,
	) {}

	/** Shows `lines` (cut to the size) on the terminal; writes nothing when the screen would not change. */
	render(lines: readonly Line[], size: ScreenSize): void {
		if (this.waiting) {
			// The terminal is behind (slow link): keep only the newest frame for when it drains.
			this.pending = {lines, size};
			return;
		}
		const update = this.update(lines, size);
		if (update === '') return;
		const text = this.options.synchronized === false ? update : SYNC_START + update + SYNC_END;
		this.bytes += Buffer.byteLength(text);
		this.writes++;
		if (!this.out.write(text) && this.out.once) {
			this.waiting = true;
			this.out.once('drain', () => {
				this.waiting = false;
				const next = this.pending;
				this.pending = null;
				if (next) this.render(next.lines, next.size);
			});
		}
	}

	/** Forgets what the terminal shows, so the next frame repaints all of it. */
	invalidate(): void {
		this.size = null;
	}

	/** The screen as the writer believes the terminal shows it: one line per row, trailing blanks removed. */
	text(): string {
		return this.rows.map(rowText).join('\n');
	}

	private update(lines: readonly Line[], size: ScreenSize): string {
		const columns = Math.max(0, Math.floor(size.columns));
		const height = Math.max(0, Math.floor(size.rows));
		let out = '';
		if (!this.size || this.size.columns !== columns || this.size.rows !== height) {
			// First frame or a resize: the terminal's content is unknown, so clear and paint once.
			out = HIDE_CURSOR + CLEAR_SCREEN;
			this.size = {columns, rows: height};
			this.rows = [];
			this.sources = [];
		}
		const blank = blankRow(columns);
		const next = this.layOut(lines, columns, height);
		const screen = this.rows;
		if (screen.length > 0) out += scrollBlocks(screen, next, blank);
		const pen = {sgr: ''};
		for (let y = 0; y < Math.max(next.length, screen.length); y++) {
			const before = screen[y] ?? blank;
			const after = next[y] ?? blank;
			if (after !== before) out += rowUpdate(y, before, after, pen);
		}
		if (pen.sgr !== '') out += RESET;
		this.rows = next;
		this.sources = lines.slice(0, next.length);
		return out;
	}

	/** The frame's rows, cut to the height; unchanged and moved lines reuse the rows already laid out. */
	private layOut(lines: readonly Line[], columns: number, height: number): Row[] {
		const previous = this.rows;
		let byKey: Map<string, Row> | undefined;
		return lines.slice(0, height).map((line, y) => {
			const before = previous[y];
			const key = before && line === this.sources[y] ? before.key : lineKey(line, this.options.colour);
			if (before && key === before.key) return before;
			byKey ??= new Map(previous.map(row => [row.key, row]));
			return byKey.get(key) ?? toRow(line, columns, this.options.colour, key);
		});
	}
}

/**
 * Lets the terminal move blocks of rows that moved (see screen-scrolls.ts):
 * returns the escapes and updates `screen` (the model, padded with `blank`
 * rows as needed) to what the terminal shows afterwards.
 */
function scrollBlocks(screen: Row[], next: Row[], blank: Row): string {
	const scrolls = planScrolls(
		screen.map(row => row.key),
		next.map(row => row.key),
		screen.map(row => row.lastInk + 1),
	);
	let out = '';
	for (const {top, bottom, by} of scrolls) {
		while (screen.length <= bottom) screen.push(blank);
		const region = screen.slice(top, bottom + 1);
		const blanks = Array<Row>(Math.abs(by)).fill(blank);
		const moved = by > 0 ? [...blanks, ...region.slice(0, region.length - by)] : [...region.slice(-by), ...blanks];
		screen.splice(top, moved.length, ...moved);
		// Insert (IL) or delete (DL) lines at the region's top, inside a scroll region, then reset the region.
		out += `${CSI}${top + 1};${bottom + 1}r${CSI}${top + 1}H${CSI}${Math.abs(by)}${by > 0 ? 'L' : 'M'}${CSI}r`;
	}
	return out;
}
