// A terminal emulator (@xterm/headless) that the screen writer's bytes are fed
// into, so tests can compare what a terminal would show with the intended
// frame. Character widths come from string-width, as in the app's layout:
// real terminals agree with it on CJK and single-code-point emoji, which is
// what the tests use (xterm's built-in Unicode 6 table counts 🚀 as narrow).
import xterm from '@xterm/headless';
import stringWidth from 'string-width';

export interface Cell {
	char: string;
	width: number;
	fg: number | null;
	bold: boolean;
	dim: boolean;
	inverse: boolean;
}

/** xterm's packed character properties: width in bits 1-2, "joins the previous character" in bit 0. */
const properties = (width: number, joins: boolean) => ((width & 3) << 1) | (joins ? 1 : 0);

const widthProvider = {
	version: 'string-width',
	wcwidth: (codepoint: number) => Math.min(2, stringWidth(String.fromCodePoint(codepoint))) as 0 | 1 | 2,
	charProperties(codepoint: number, preceding: number) {
		const width = this.wcwidth(codepoint);
		const precedingWidth = (preceding >> 1) & 3;
		const joins = width === 0 && preceding !== 0 && precedingWidth > 0;
		return properties(joins ? precedingWidth : width, joins);
	},
};

export class Emulator {
	readonly term: xterm.Terminal;
	constructor(columns: number, rows: number) {
		this.term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
		this.term.unicode.register(widthProvider);
		this.term.unicode.activeVersion = 'string-width';
	}

	write(data: string): Promise<void> {
		return new Promise(resolve => this.term.write(data, resolve));
	}

	resize(columns: number, rows: number) {
		this.term.resize(columns, rows);
	}

	/** Row `y`'s cells; a wide character's right half has width 0. */
	cells(y: number): Cell[] {
		const line = this.term.buffer.active.getLine(y);
		const out: Cell[] = [];
		for (let x = 0; x < this.term.cols; x++) {
			const c = line?.getCell(x);
			if (!c) break;
			out.push({
				char: c.getChars(),
				width: c.getWidth(),
				fg: c.isFgPalette() ? c.getFgColor() : null,
				bold: Boolean(c.isBold()),
				dim: Boolean(c.isDim()),
				inverse: Boolean(c.isInverse()),
			});
		}
		return out;
	}

	/** The screen's text, one line per row, trailing blanks removed. */
	lines(): string[] {
		const out: string[] = [];
		for (let y = 0; y < this.term.rows; y++) out.push(this.term.buffer.active.getLine(y)?.translateToString(true) ?? '');
		return out;
	}

}
