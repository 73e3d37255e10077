import {describe, expect, it} from 'vitest';
import {backoffDelay, defaultBackoff, jittered} from '../../source/kube/backoff.js';

const middle = () => 0.5; // no jitter
const lowest = () => 0; // -20%
const highest = () => 0.999_999; // almost +20%

describe('backoffDelay', () => {
	it('doubles from 0.5s and caps at 30s', () => {
		const schedule = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt, defaultBackoff, middle));
		expect(schedule).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
	});

	it('applies ±20% jitter', () => {
		expect(backoffDelay(1, defaultBackoff, lowest)).toBe(400);
		expect(backoffDelay(1, defaultBackoff, highest)).toBe(600);
		expect(backoffDelay(4, defaultBackoff, lowest)).toBe(3200);
	});

	it('never exceeds the cap, even with jitter', () => {
		expect(backoffDelay(7, defaultBackoff, highest)).toBe(30_000);
		expect(backoffDelay(7, defaultBackoff, lowest)).toBe(24_000);
	});

	it('survives silly attempt numbers', () => {
		expect(backoffDelay(0, defaultBackoff, middle)).toBe(500);
		expect(backoffDelay(10_000, defaultBackoff, middle)).toBe(30_000);
		expect(Number.isFinite(backoffDelay(Number.MAX_SAFE_INTEGER, defaultBackoff, highest))).toBe(true);
	});

	it('follows a custom policy', () => {
		const policy = {initialMs: 100, maxMs: 1000, factor: 3, jitter: 0};
		expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy))).toEqual([100, 300, 900, 1000]);
	});
});

describe('jittered', () => {
	it('spreads a fixed delay', () => {
		expect(jittered(30_000, 0.2, lowest)).toBe(24_000);
		expect(jittered(30_000, 0.2, middle)).toBe(30_000);
	});
});
