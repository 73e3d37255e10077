// When a timed canary pause (`pause: {duration: 30s}`) ends by itself:
// the CanaryPauseStep condition's start time plus the step's duration, as
// the controller computes it. Operators asked for this countdown (argo#2868).
import {dict, dicts, int, list, str, time} from './safe.js';

const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000};

/** "30s", "5m", "1h", or a bare number of seconds -> ms; null when not a duration. */
export function parsePauseDuration(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * 1000;
	const match = /^(\d+)(s|m|h)?$/.exec(str(value).trim());
	if (!match) return null;
	return Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
}

/** The time (RFC 3339) a canary's current timed pause ends, or null. */
export function pauseEndsAt(rollout: unknown): string | null {
	const spec = dict(dict(rollout)['spec']);
	const status = dict(dict(rollout)['status']);
	const steps = list(dict(dict(spec['strategy'])['canary'])['steps']);
	const step = dict(steps[int(status['currentStepIndex']) ?? 0]);
	const duration = parsePauseDuration(dict(step['pause'])['duration']);
	const condition = dicts(status['pauseConditions']).find(c => c['reason'] === 'CanaryPauseStep');
	const start = time(condition?.['startTime']);
	if (duration === null || start === undefined) return null;
	return new Date(start + duration).toISOString();
}
