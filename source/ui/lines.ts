// Screens are built as arrays of styled lines, then cut to the terminal's
// width and height before Ink sees them. Owning the geometry here (instead
// of relying on Ink's wrapping) is what guarantees a frame is never taller or
// wider than the terminal, and keeps the layout pure and testable.
import stringWidth from 'string-width';

import type {Color} from '../terminal/theme.js';

export type {Color} from '../terminal/theme.js';

export interface Segment {
	text: string;
	color?: Color;
	bold?: boolean;
	dim?: boolean;
	inverse?: boolean;
}

export type Line = Segment[];

export const seg = (text: string, style: Omit<Segment, 'text'> = {}): Segment => ({text, ...style});

/** Printable ASCII is one column a character; only other text needs string-width (the costly part of layout). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
export const isPrintableAscii = (text: string): boolean => PRINTABLE_ASCII.test(text);

/** Widths of recent non-ASCII texts (statuses, glyphs and tree prefixes repeat on every frame). */
const widths = new Map<string, number>();
const WIDTH_CACHE_SIZE = 2000;

/** Terminal columns of `text`. */
export function textWidth(text: string): number {
	if (PRINTABLE_ASCII.test(text)) return text.length;
	let width = widths.get(text);
	if (width === undefined) {
		if (widths.size >= WIDTH_CACHE_SIZE) widths.clear();
		width = stringWidth(text);
		widths.set(text, width);
	}
	return width;
}

export const lineWidth = (line: Line): number => line.reduce((sum, s) => sum + textWidth(s.text), 0);

export const plain = (line: Line): string => line.map(s => s.text).join('');

/** The longest prefix of `text` that fits in `width` columns. */
function takeColumns(text: string, width: number): string {
	if (PRINTABLE_ASCII.test(text)) return text.slice(0, Math.max(0, width));
	let out = '';
	let used = 0;
	for (const ch of text) {
		const w = textWidth(ch);
		if (used + w > width) break;
		out += ch;
		used += w;
	}
	return out;
}

/** Cuts a string to at most `width` columns, ending with … when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (textWidth(text) <= width) return text;
	return takeColumns(text, width - 1) + '…';
}

/** Word-wraps text into lines of at most `width` columns (long words are cut). */
export function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	let current = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = current ? `${current} ${word}` : word;
		if (textWidth(candidate) <= width) current = candidate;
		else {
			if (current) lines.push(current);
			current = truncate(word, width);
		}
	}
	if (current) lines.push(current);
	return lines;
}

/** Pads (or cuts) a string to exactly `width` columns. */
export function fit(text: string, width: number): string {
	const w = textWidth(text);
	if (w <= width) return text + ' '.repeat(width - w);
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/** Cuts a line to at most `width` columns, keeping styles; a cut ends with …. */
export function clipLine(line: Line, width: number): Line {
	if (lineWidth(line) <= width) return line;
	if (width <= 0) return [];
	const out: Line = [];
	let left = width - 1;
	for (const s of line) {
		if (left <= 0) break;
		const text = takeColumns(s.text, left);
		out.push({...s, text});
		left -= textWidth(text);
		if (text.length < s.text.length) break;
	}
	out.push({...(out[out.length - 1] ?? {}), text: '…'});
	return out;
}

/** Pads a line with spaces to exactly `width` columns (used for highlighted rows). */
export function padLine(line: Line, width: number, style: Omit<Segment, 'text'> = {}): Line {
	const clipped = clipLine(line, width);
	const gap = width - lineWidth(clipped);
	return gap > 0 ? [...clipped, {text: ' '.repeat(gap), ...style}] : clipped;
}

/** A window of `height` lines starting at `offset`, clamped to the content. */
export function windowOf<T>(items: T[], offset: number, height: number): {items: T[]; offset: number} {
	const maxOffset = Math.max(0, items.length - height);
	const start = Math.min(Math.max(0, offset), maxOffset);
	return {items: items.slice(start, start + Math.max(0, height)), offset: start};
}

/** Keeps `index` visible in a window of `height`, moving `offset` as little as possible. */
export function scrollToShow(index: number, offset: number, height: number): number {
	if (height <= 0) return 0;
	if (index < offset) return index;
	if (index >= offset + height) return index - height + 1;
	return offset;
}
