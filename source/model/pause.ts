// When a timed canary pause (`pause: {duration: 30s}`) ends by itself:
// the CanaryPauseStep condition's start time plus the step's duration, as
// the controller computes it. Operators asked for this countdown (argo#2868).
import type {RolloutObject} from '../domain/rollout.js';

const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000};

/** "30s", "5m", "1h", or a bare number of seconds -> ms; null when not a duration. */
export function parsePauseDuration(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * 1000;
	const match = /^(\d+)(s|m|h)?$/.exec((typeof value === 'string' ? value : '').trim());
	if (!match) return null;
	return Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
}

/** The time (RFC 3339) a canary's current timed pause ends, or null. */
export function pauseEndsAt(rollout: RolloutObject): string | null {
	const step = rollout.canary?.steps[rollout.status.currentStepIndex ?? 0];
	const duration = parsePauseDuration(step?.pauseDuration);
	const start = rollout.status.canaryPauseStartMs;
	if (duration === null || start === undefined) return null;
	return new Date(start + duration).toISOString();
}
