// The screen writer's correctness test: its bytes go into a terminal emulator
// (@xterm/headless), and after every update the emulated screen must equal
// the intended frame, text and styles, cell by cell; through small changes,
// shrinking lines and frames, wide characters, colour changes and resizes.
import {EventEmitter} from 'node:events';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {clipLine, seg, type Color, type Line, type Segment} from '../../source/ui/lines.js';
import {ScreenWriter} from '../../source/ui/screen-writer.js';
import {sanitize} from '../../source/terminal/sanitize.js';
import {Emulator, type Cell} from './emulator.js';
import {writerEscapes, withoutWriterEscapes} from './writer-escapes.js';

const PALETTE: Record<Color, number> = {red: 1, green: 2, yellow: 3, blue: 4, magenta: 5, cyan: 6, gray: 8};
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** What the terminal should show for `lines` at this size: sanitised, cut, one cell per column. */
function intended(lines: Line[], columns: number, rows: number, colour: boolean): Cell[][] {
	const blank = (): Cell => ({char: '', width: 1, fg: null, bold: false, dim: false, inverse: false});
	return Array.from({length: rows}, (_, y) => {
		const cells = Array.from({length: columns}, blank);
		const line = (lines[y] ?? []).map(s => ({...s, text: sanitize(s.text)}));
		let x = 0;
		for (const s of clipLine(line, columns)) {
			for (const {segment} of graphemes.segment(s.text)) {
				const width = stringWidth(segment);
				const style = {fg: colour && s.color ? PALETTE[s.color] : null, bold: Boolean(s.bold), dim: Boolean(s.dim), inverse: Boolean(s.inverse)};
				cells[x] = {char: segment === ' ' ? (style.inverse ? ' ' : '') : segment, width, ...style};
				if (width === 2) cells[x + 1] = {char: '', width: 0, ...style};
				x += width;
			}
		}
		return cells;
	});
}

/** The emulator's cells, with plain spaces shown as '' so they compare equal to never-written cells. */
function shown(emulator: Emulator): Cell[][] {
	return Array.from({length: emulator.term.rows}, (_, y) =>
		emulator.cells(y).map(c => (c.char === ' ' && !c.inverse ? {...c, char: ''} : c)),
	);
}

class Sink extends EventEmitter {
	writes: string[] = [];
	accept = true;
	write(text: string) {
		this.writes.push(text);
		return this.accept;
	}
}

/** A writer and an emulator of the same size, in the alternate screen as run.tsx sets it up. */
async function setup(columns: number, rows: number, colour = true) {
	const sink = new Sink();
	const writer = new ScreenWriter(sink, {colour});
	const emulator = new Emulator(columns, rows);
	await emulator.write('\u001B[?1049h');
	let size = {columns, rows};
	const flush = async () => {
		const text = sink.writes.join('');
		sink.writes = [];
		await emulator.write(text);
		return text;
	};
	return {
		sink,
		writer,
		emulator,
		/** Renders a frame, feeds the bytes to the emulator and checks the screen; returns the bytes written. */
		async show(lines: Line[]): Promise<string> {
			writer.render(lines, size);
			const text = await flush();
			expect(shown(emulator)).toEqual(intended(lines, size.columns, size.rows, colour));
			return text;
		},
		resize(c: number, r: number) {
			size = {columns: c, rows: r};
			emulator.resize(c, r);
		},
		flush,
	};
}

const listRow = (name: string, status: Segment, age: string, selected = false): Line => {
	const line: Line = [seg(selected ? '›' : ' ', {bold: true}), seg(' '), seg(name.padEnd(16)), status, seg(`  ${age.padEnd(5)}`), seg('BlueGreenPause', {dim: true})];
	return selected ? line.map(s => ({...s, inverse: true})) : line;
};
const paused = seg('॥ Paused', {color: 'yellow'});
const healthy = seg('✔ Healthy', {color: 'green'});

describe('ScreenWriter on a terminal emulator', () => {
	it('paints the first frame, writes nothing for an identical one, and one short run for a changed age', async () => {
		const t = await setup(60, 8);
		const frame = [[seg('rollouts-tui', {bold: true}), seg(' ● live', {color: 'green'})], [], listRow('bluegreen-demo', paused, '3m', true), listRow('canary-demo', healthy, '20h')];
		await t.show(frame);
		expect(await t.show(frame.map(line => line.map(s => ({...s}))))).toBe('');
		const aged = [...frame.slice(0, 3), listRow('canary-demo', healthy, '21h')];
		const bytes = await t.show(aged);
		expect(withoutWriterEscapes(bytes, true)).toBe('1');
		expect(Buffer.byteLength(bytes)).toBeLessThan(40);
	});

	it('shrinking lines and frames leave nothing behind', async () => {
		const t = await setup(50, 8);
		await t.show([[seg('x'.repeat(50))], [seg('status: Progressing, waiting for pods', {color: 'yellow'})], [seg('a')], [seg('b')], [seg('c')]]);
		await t.show([[seg('x'.repeat(10))], [seg('status: OK', {color: 'green'})]]);
		await t.show([]);
		expect(t.emulator.lines().every(l => l === '')).toBe(true);
	});

	it('wide characters (CJK, emoji) moving, replacing narrow ones and being replaced', async () => {
		const t = await setup(30, 5);
		await t.show([[seg('ab中文cd🚀ef')], [seg('名前 ready'), seg('●●●', {color: 'green'})]]);
		await t.show([[seg('a中b文cd🚀ef')], [seg('x前 ready'), seg('●○●', {color: 'green'})]]);
		await t.show([[seg('abcdefghij')], [seg('🚀🚀🚀🚀')]]);
		await t.show([[seg(' 中中中中')], [seg('🚀a🚀b🚀')]]);
		await t.show([[seg('中'.repeat(20))], [seg('x'.repeat(29) + '中')]]);
	});

	it('colour-only and attribute-only changes are written', async () => {
		const t = await setup(40, 4);
		await t.show([[seg('status ', {dim: true}), seg('Paused', {color: 'yellow'})]]);
		const bytes = await t.show([[seg('status ', {dim: true}), seg('Paused', {color: 'red', bold: true})]]);
		expect(bytes).not.toBe('');
		await t.show([[seg('status ', {inverse: true}), seg('Paused', {color: 'red', bold: true, inverse: true})]]);
		await t.show([[seg('status '), seg('Paused')]]);
	});

	it('rows inserted or removed in the middle shift the rows below with the terminal, not by rewriting them', async () => {
		const t = await setup(80, 24);
		const pod = (i: number): Line => [seg(`│  ├──□ bluegreen-demo-6cbccd9f99-pod${i}  `), seg('Pod         '), seg('✔ Running', {color: 'green'}), seg('  24d  ready:1/1')];
		const tree = (pods: number[]) => [[seg('REVISIONS', {bold: true})], ...pods.map(pod), [], [seg('Esc/q back  ? help', {dim: true})]];
		await t.show(tree([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
		const inserted = await t.show(tree([1, 2, 11, 12, 3, 4, 5, 6, 7, 8, 9, 10]));
		expect(inserted).toMatch(/\u001B\[\d+;\d+r/);
		// Two new rows (about 70 bytes each), the scroll and the footer, not eight moved rows rewritten (over 600 bytes).
		expect(Buffer.byteLength(inserted)).toBeLessThan(300);
		const removed = await t.show(tree([1, 2, 3, 5, 6, 7, 8, 9, 10]));
		expect(Buffer.byteLength(removed)).toBeLessThan(140);
		await t.show(tree([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
		await t.show(tree([5, 6, 7]));
	});

	it('cuts lines to the width (with …) and frames to the height', async () => {
		const t = await setup(20, 3);
		await t.show([[seg('a very long rollout name indeed', {bold: true})], [seg('中'.repeat(15))], [seg('three')], [seg('four')], [seg('five')]]);
		expect(t.emulator.lines()).toEqual(['a very long rollout…', '中中中中中中中中中…', 'three']);
	});

	it('repaints once on resize, to the new size', async () => {
		const t = await setup(60, 10);
		const frame = [[seg('title', {bold: true})], listRow('bluegreen-demo', paused, '3m'), [seg('footer '.repeat(8), {dim: true})]];
		await t.show(frame);
		t.resize(30, 6);
		const bytes = await t.show(frame);
		expect(bytes).toContain('\u001B[2J');
		expect(await t.show(frame)).toBe('');
		t.resize(80, 12);
		await t.show([...frame, [seg('more')]]);
	});

	it('shows hostile text as visible escapes, never as control bytes', async () => {
		const t = await setup(60, 4);
		const bytes = await t.show([[seg('name\u001B]0;PWNED\u0007\u001B[41mRED\u009B2J\u202Eevil')]]);
		expect(t.emulator.lines()[0]).toBe('name^[]0;PWNED^G^[[41mRED\\u009b2J\\u202eevil');
		expect(withoutWriterEscapes(bytes, true)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it('without colour writes no colour codes, keeps bold, dim and inverse', async () => {
		const t = await setup(40, 4, false);
		const bytes = await t.show([[seg('Paused', {color: 'yellow', bold: true}), seg(' selected', {color: 'green', inverse: true}), seg(' hint', {dim: true})]]);
		expect(bytes.match(writerEscapes(true))?.join('')).not.toMatch(/\u001B\[[0-9;]*(3[0-9]|9[0-7])[;m]/);
		expect(withoutWriterEscapes(bytes, false)).toBe('Paused selected hint');
	});

	it('wraps each update in synchronized-output marks and hides the cursor on the first frame', async () => {
		const t = await setup(20, 3);
		const first = await t.show([[seg('one')]]);
		expect(first.startsWith('\u001B[?2026h\u001B[?25l')).toBe(true);
		expect(first.endsWith('\u001B[?2026l')).toBe(true);
		const second = await t.show([[seg('two')]]);
		expect(second.startsWith('\u001B[?2026h') && second.endsWith('\u001B[?2026l')).toBe(true);
	});

	it('while the terminal is behind, keeps only the newest frame and writes it on drain', async () => {
		const t = await setup(20, 3);
		t.sink.accept = false;
		t.writer.render([[seg('one')]], {columns: 20, rows: 3});
		t.writer.render([[seg('two')]], {columns: 20, rows: 3});
		t.writer.render([[seg('three')]], {columns: 20, rows: 3});
		expect(t.sink.writes).toHaveLength(1);
		t.sink.accept = true;
		t.sink.emit('drain');
		expect(t.sink.writes).toHaveLength(2);
		await t.flush();
		expect(t.emulator.lines()[0]).toBe('three');
	});
});

const COLORS: Array<Color | undefined> = [undefined, 'green', 'yellow', 'red', 'blue', 'gray'];
const TEXT = fc.array(fc.constantFrom('a', 'b', ' ', '-', '中', '文', '🚀', '●', '…', 'x'), {maxLength: 14}).map(cs => cs.join(''));
const SEGMENT = fc.record({text: TEXT, color: fc.constantFrom(...COLORS), bold: fc.boolean(), dim: fc.boolean(), inverse: fc.boolean()});
const LINE = fc.array(SEGMENT, {maxLength: 4});
const FRAME = fc.array(LINE, {maxLength: 8});
const RESIZE = fc.option(fc.record({columns: fc.integer({min: 4, max: 30}), rows: fc.integer({min: 2, max: 8})}), {freq: 6});
/** A new frame, or the last one with rows inserted and removed (what moves rows). */
const EDIT = fc.oneof(
	fc.record({frame: FRAME}),
	fc.record({insert: fc.array(fc.tuple(fc.nat(8), LINE), {maxLength: 3}), remove: fc.array(fc.nat(8), {maxLength: 3})}),
);
const STEP = fc.record({edit: EDIT, resize: RESIZE});

function apply(last: Line[], edit: {frame: Line[]} | {insert: Array<[number, Line]>; remove: number[]}): Line[] {
	if ('frame' in edit) return edit.frame;
	const next = [...last];
	for (const i of edit.remove) if (i < next.length) next.splice(i, 1);
	for (const [i, line] of edit.insert) next.splice(Math.min(i, next.length), 0, line);
	return next;
}

describe('ScreenWriter, any sequence of frames', () => {
	it('leaves the emulated screen equal to the last frame after every update', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(STEP, {minLength: 1, maxLength: 10}), fc.boolean(), async (steps, colour) => {
				const t = await setup(24, 8, colour);
				let frame: Line[] = [];
				for (const {edit, resize} of steps) {
					if (resize) t.resize(resize.columns, resize.rows);
					frame = apply(frame, edit);
					await t.show(frame);
				}
			}),
			{numRuns: 150},
		);
	}, 60_000);
});
