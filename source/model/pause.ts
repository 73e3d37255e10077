// When a timed canary pause (`pause: {duration: 30s}`) ends by itself:
// the CanaryPauseStep condition's start time plus the step's duration, as
// the controller computes it. Operators asked for this countdown (argo#2868).
import {MAX_TIME_MS} from '../domain/read.js';
import type {RolloutObject} from '../domain/rollout.js';

const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000};

/** The longest Go time.Duration (2^63 - 1 ns); the controller rejects anything longer. */
export const MAX_DURATION_MS = 9_223_372_036_854;

/** "30s", "5m", "1h", or a bare number of seconds -> ms; null when not a duration or longer than Go allows. */
export function parsePauseDuration(value: unknown): number | null {
	let ms: number;
	if (typeof value === 'number') ms = value * 1000;
	else {
		const match = /^(\d+)(s|m|h)?$/.exec((typeof value === 'string' ? value : '').trim());
		if (!match) return null;
		ms = Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
	}
	return ms >= 0 && ms <= MAX_DURATION_MS ? ms : null;
}

/** The time (RFC 3339) a canary's current timed pause ends, or null. */
export function pauseEndsAt(rollout: RolloutObject): string | null {
	const step = rollout.canary?.steps[rollout.status.currentStepIndex ?? 0];
	const duration = parsePauseDuration(step?.pauseDuration);
	const start = rollout.status.canaryPauseStartMs;
	if (duration === null || start === undefined) return null;
	// A start near the end of the Date range plus a long pause has no date: no countdown, nothing else lost.
	const end = start + duration;
	return end <= MAX_TIME_MS ? new Date(end).toISOString() : null;
}
