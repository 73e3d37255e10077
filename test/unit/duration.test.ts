import {describe, expect, it} from 'vitest';
import {age, humanDuration} from '../../source/model/duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
	it.each([
		[-3 * s, '<invalid>'],
		[-2 * s, '<invalid>'],
		[-1500, '0s'],
		[-1 * s, '0s'],
		[-500, '0s'],
		[0, '0s'],
		[999, '0s'],
		[5 * s, '5s'],
		[119 * s, '119s'],
		[2 * m, '2m'],
		[3 * m + 20 * s, '3m20s'],
		[9 * m + 59 * s, '9m59s'],
		[10 * m + 30 * s, '10m'],
		[179 * m, '179m'],
		[3 * h, '3h'],
		[3 * h + 59 * m + 59 * s, '3h59m'],
		[7 * h + 1 * m, '7h1m'],
		[8 * h + 30 * m, '8h'],
		[47 * h, '47h'],
		[2 * d, '2d'],
		[6 * d + 19 * h, '6d19h'],
		[7 * d + 23 * h, '7d23h'],
		[8 * d, '8d'],
		[7 * d, '7d'],
		[729 * d, '729d'],
		[730 * d, '2y'],
		[731 * d, '2y1d'],
		[3 * 365 * d + 40 * d, '3y40d'],
		[8 * 365 * d, '8y'],
		[12 * 365 * d + 100 * d, '12y'],
	])('%d ms -> %s', (ms, want) => {
		expect(humanDuration(ms)).toBe(want);
	});

	it('is <invalid> for non-finite input', () => {
		expect(humanDuration(Number.NaN)).toBe('<invalid>');
	});
});

describe('age', () => {
	const now = Date.parse('2026-11-09T15:35:00Z');
	it('is the time since the timestamp', () => {
		expect(age('2026-11-09T15:31:40Z', now)).toBe('3m20s');
		expect(age('2026-11-02T20:35:00Z', now)).toBe('6d19h');
	});
	it('is <unknown> without a usable timestamp', () => {
		expect(age(null, now)).toBe('<unknown>');
		expect(age(undefined, now)).toBe('<unknown>');
		expect(age('yesterday', now)).toBe('<unknown>');
	});
});
