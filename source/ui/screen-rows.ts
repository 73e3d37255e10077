// A styled line as the terminal will hold it: one entry per column, so two
// frames can be compared cell by cell. This is the terminal edge of the live
// UI: every segment is sanitised here, before it is measured and cut, so the
// escaped form is what gets measured, cut and written.
import {sanitize, MAX_FIELD_LENGTH} from '../terminal/sanitize.js';
import {clipLine, isPrintableAscii, textWidth, type Color, type Line, type Segment} from './lines.js';

/** One terminal row: `chars[c]` is the grapheme at column c ('' for the right half of a wide one), `styles[c]` its SGR parameters ('' = default). */
export interface Row {
	/** Identifies the source line (styles and texts); equal keys mean equal rows at the same width. */
	key: string;
	chars: string[];
	styles: string[];
	/** The last column that is not a default-style space (-1 for a blank row). */
	lastInk: number;
}

const FOREGROUND: Record<Color, number> = {red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90};

/** SGR parameters of a segment's style; without colour, attributes (bold, dim, inverse) stay and colours go. */
export function sgrParams(s: Omit<Segment, 'text'>, colour: boolean): string {
	const params: number[] = [];
	if (s.bold) params.push(1);
	if (s.dim) params.push(2);
	if (s.inverse) params.push(7);
	if (colour && s.color) params.push(FOREGROUND[s.color]);
	return params.join(';');
}

/** A key that differs whenever the line's styles or texts differ (length-prefixed, so no text can fake a boundary). */
export function lineKey(line: Line, colour: boolean): string {
	let key = '';
	for (const s of line) key += `${sgrParams(s, colour)}|${s.text.length}|${s.text}`;
	return key;
}

export function blankRow(width: number): Row {
	return {key: '', chars: Array<string>(width).fill(' '), styles: Array<string>(width).fill(''), lastInk: -1};
}

/** The line with unsafe characters in any segment made visible (the same line when there are none). */
function safeLine(line: Line, width: number): Line {
	const limit = Math.max(MAX_FIELD_LENGTH, width + 1);
	return line.some(s => s.text.length > limit || sanitize(s.text, limit) !== s.text)
		? line.map(s => ({...s, text: sanitize(s.text, limit)}))
		: line;
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The text's user-perceived characters (one per terminal cell, or two columns for a wide one). */
function cellsOf(text: string): Iterable<string> {
	if (isPrintableAscii(text)) return text;
	return Array.from(graphemes.segment(text), g => g.segment);
}

/** Lays a line out on `width` columns: sanitised, cut to the width (ending with … when cut), padded with blanks. */
export function toRow(line: Line, width: number, colour: boolean, key = lineKey(line, colour)): Row {
	const row = blankRow(width);
	row.key = key;
	let column = 0;
	for (const s of clipLine(safeLine(line, width), width)) {
		const style = sgrParams(s, colour);
		for (const segment of cellsOf(s.text)) {
			const w = textWidth(segment);
			if (w === 0) {
				// A mark that joins nothing on screen: keep it with the cell before (or drop it at column 0).
				const lead = row.chars[column - 1] === '' ? column - 2 : column - 1;
				if (lead >= 0) row.chars[lead] += segment;
				continue;
			}
			if (column + w > width) return finish(row);
			row.chars[column] = segment;
			row.styles[column] = style;
			if (w === 2) {
				row.chars[column + 1] = '';
				row.styles[column + 1] = style;
			}
			column += w;
		}
	}
	return finish(row);
}

function finish(row: Row): Row {
	let last = row.chars.length - 1;
	while (last >= 0 && row.chars[last] === ' ' && row.styles[last] === '') last--;
	row.lastInk = last;
	return row;
}

/** The row as plain text, trailing blanks removed (what a screen capture shows). */
export const rowText = (row: Row): string => row.chars.join('').trimEnd();
