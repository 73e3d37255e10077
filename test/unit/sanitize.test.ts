import {describe, expect, it} from 'vitest';
import {deriveRollouts} from '../../source/model/derive.js';
import {toJson} from '../../source/print/json.js';
import {renderText} from '../../source/print/text.js';
import {MAX_FIELD_LENGTH, sanitize, sanitizeDeep, sanitizeMultiline} from '../../source/terminal/sanitize.js';
import {NOW} from './builders.js';
import {CONTROL, HOSTILE, hostileExample} from './hostile.js';

describe('sanitize', () => {
	it('shows C0 controls and DEL in caret notation (ESC is ^[, as kubectl)', () => {
		expect(sanitize('a\u001B[31mb')).toBe('a^[[31mb');
		expect(sanitize('\u0007\u0000\u007F\t\n\r')).toBe('^G^@^?^I^J^M');
	});

	it('shows C1 controls and bidi controls as \\u escapes', () => {
		expect(sanitize('\u009B2J\u009D0;t\u009C')).toBe('\\u009b2J\\u009d0;t\\u009c');
		expect(sanitize('abc\u202Edef\u2066\u200F')).toBe('abc\\u202edef\\u2066\\u200f');
	});

	it('keeps ordinary Unicode as it is', () => {
		for (const text of ['bluegreen-demo', '蓝绿部署', 'ロールアウト', '🚀 ready ✔', 'Ünïcødé', '॥ Paused']) expect(sanitize(text)).toBe(text);
	});

	it('the hostile status message of the issue becomes inert', () => {
		const out = sanitize(HOSTILE);
		expect(out).not.toMatch(CONTROL);
		expect(out).toBe('^[]0;PWNED^G^[[41mRED^[[0m\\u009b2J\\u009d8;;x\\u009c\\u202eevil^@^[]52;c;aGk=^G');
	});

	it('cuts a huge field to a bounded length with an ellipsis, never splitting a surrogate pair', () => {
		const out = sanitize('x'.repeat(20_000_000));
		expect(out.length).toBe(MAX_FIELD_LENGTH);
		expect(out.endsWith('…')).toBe(true);
		const emoji = sanitize(`${'a'.repeat(10)}${'🚀'.repeat(10)}`, 12);
		expect(emoji).toBe(`${'a'.repeat(10)}…`);
	});

	it('multi-line text keeps its line breaks and nothing else', () => {
		expect(sanitizeMultiline('one\u001B[2J\ntwo\tend')).toBe('one^[[2J\ntwo    end');
	});

	it('sanitizeDeep reaches every string of a nested value and leaves other values alone', () => {
		expect(sanitizeDeep({a: ['\u001B', 1, null, {b: '\u0007'}], c: true})).toEqual({a: ['^[', 1, null, {b: '^G'}], c: true});
	});
});

describe('printers with hostile object data', () => {
	const views = deriveRollouts(hostileExample(), NOW);

	it('the view still reads the poisoned objects (the strings really reach the printers)', () => {
		expect(views).toHaveLength(1);
		expect(views[0]!.name).toContain('PWNED');
		expect(views[0]!.revisions.length).toBeGreaterThan(1);
	});

	it('text output carries no control byte, with or without colour, and shows the escaped forms', () => {
		for (const color of [false, true]) {
			const out = renderText(views, NOW, {color});
			const withoutOwnColour = color ? out.replace(/\u001B\[[0-9;]*m/g, '') : out;
			expect(withoutOwnColour).not.toMatch(CONTROL);
			expect(out).toContain('bluegreen-demo^[]0;PWNED^G^[[41mRED');
			expect(out).toContain('argoproj/rollouts-demo:blue^[]0;PWNED');
		}
	});

	it('colour output only has our own SGR codes', () => {
		const out = renderText(views, NOW, {color: true});
		for (const match of out.matchAll(/\u001B(.)/g)) expect(match[1]).toBe('[');
		expect(out.match(/\u001B\[[^m]*m/g)?.every(code => /^\u001B\[\d+m$/.test(code))).toBe(true);
	});

	it('JSON output keeps the exact strings (JSON escaping is enough)', () => {
		const out = toJson(views);
		expect(out).not.toMatch(CONTROL);
		const parsed = JSON.parse(out) as {rollouts: Array<{name: string}>};
		expect(parsed.rollouts[0]!.name).toBe(`bluegreen-demo${HOSTILE}`);
	});
});
