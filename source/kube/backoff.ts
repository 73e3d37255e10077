// Reconnect delays. Pure, so the schedule can be tested without timers.

export interface BackoffPolicy {
	/** Delay before the first retry. */
	initialMs: number;
	/** No delay is ever longer than this. */
	maxMs: number;
	factor: number;
	/** ± fraction applied to each delay, so many clients do not retry in lockstep. */
	jitter: number;
}

export const defaultBackoff: BackoffPolicy = {initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2};

/**
 * Delay before retry number `attempt` (1 = first retry): 0.5s, 1s, 2s, … up
 * to 30s, each ±20%. `random` returns [0, 1) like Math.random.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
	const exponent = Math.max(0, Math.floor(attempt) - 1);
	// Cap the exponent first so large attempt numbers cannot overflow to Infinity.
	const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.min(exponent, 64));
	const jittered = base * (1 + policy.jitter * (2 * random() - 1));
	return Math.round(Math.min(policy.maxMs, Math.max(0, jittered)));
}

/** A fixed delay with the same jitter, for slow retries of "not installed" or "forbidden". */
export function jittered(ms: number, fraction: number, random: () => number = Math.random): number {
	return Math.round(ms * (1 + fraction * (2 * random() - 1)));
}
