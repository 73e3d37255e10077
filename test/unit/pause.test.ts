import {describe, expect, it} from 'vitest';
import {toRollout} from '../../source/domain/normalise.js';
import {parsePauseDuration, pauseEndsAt as pauseEndsAtOf} from '../../source/model/pause.js';

const pauseEndsAt = (raw: unknown) => pauseEndsAtOf(toRollout(raw));

const canary = (stepIndex: number, pause: unknown, startTime = '2026-11-26T10:00:00Z') => ({
	spec: {strategy: {canary: {steps: [{setWeight: 20}, {pause}, {setWeight: 60}]}}},
	status: {currentStepIndex: stepIndex, pauseConditions: [{reason: 'CanaryPauseStep', startTime}]},
});

describe('timed canary pauses', () => {
	it('parses durations the way the controller does', () => {
		expect(parsePauseDuration('30s')).toBe(30_000);
		expect(parsePauseDuration('5m')).toBe(300_000);
		expect(parsePauseDuration('1h')).toBe(3_600_000);
		expect(parsePauseDuration(45)).toBe(45_000);
		expect(parsePauseDuration('45')).toBe(45_000);
		expect(parsePauseDuration('soon')).toBeNull();
		expect(parsePauseDuration(undefined)).toBeNull();
	});

	it('ends at the pause condition start plus the step duration', () => {
		expect(pauseEndsAt(canary(1, {duration: '5m'}))).toBe('2026-11-26T10:05:00.000Z');
	});

	it('has no end for an indefinite pause, another step, or no pause condition', () => {
		expect(pauseEndsAt(canary(1, {}))).toBeNull();
		expect(pauseEndsAt(canary(0, {duration: '5m'}))).toBeNull();
		expect(pauseEndsAt({spec: canary(1, {duration: '5m'}).spec, status: {currentStepIndex: 1}})).toBeNull();
		expect(pauseEndsAt(null)).toBeNull();
	});

	it('treats durations longer than Go allows as no duration, and a pause ending past the Date range as no end', () => {
		for (const duration of [1e308, '99999999999999999999h', '2562048h', -5, Number.NaN, Infinity]) {
			expect(parsePauseDuration(duration)).toBeNull();
			expect(pauseEndsAt(canary(1, {duration}))).toBeNull();
		}
		expect(parsePauseDuration('2562047h')).toBe(2_562_047 * 3_600_000);
		expect(pauseEndsAt(canary(1, {duration: '2562047h'}, '+275760-09-01T00:00:00Z'))).toBeNull();
	});
});
