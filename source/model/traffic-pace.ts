// When the probe may send its next request: a fixed pace that never exceeds
// the rate (a late tick never sends a burst to catch up), a cap on requests in
// flight, and a pause when the API server pushes back (429). Pure: the clock is an
// argument, so the guarantees are tested without timers.
import {backoffDelay} from '../kube/backoff.js';

export const DEFAULT_RATE = 20;
export const MAX_RATE = 50;
export const MIN_RATE = 1;

export const clampRate = (rate: number) => Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round(rate)));

export interface Pace {
	rate: number;
	/** Earliest time of the next send. */
	nextAt: number;
	inFlight: number;
	/** Push-backs in a row (0 after any other answer). */
	throttled: number;
	/** No sends before this time (after a push-back). */
	pausedUntil: number;
}

export const startPace = (rate: number, now: number): Pace => ({rate: clampRate(rate), nextAt: now, inFlight: 0, throttled: 0, pausedUntil: 0});

/** At most this many requests wait for an answer (a slow app must not pile up requests on the API server). */
export const maxInFlight = (rate: number) => Math.max(2, rate);

/** Whether a request may go out at `now`. */
export function maySend(pace: Pace, now: number): boolean {
	return now >= pace.nextAt && now >= pace.pausedUntil && pace.inFlight < maxInFlight(pace.rate);
}

/** After a send at `now`: the next one is one interval later, and never earlier than that. */
export function sent(pace: Pace, now: number): Pace {
	return {...pace, nextAt: Math.max(pace.nextAt, now) + 1000 / pace.rate, inFlight: pace.inFlight + 1};
}

/**
 * After an answer. A push-back (429, or a refusal that repeating cannot fix: RBAC denial, no such
 * Service) pauses sending: for its Retry-After, else a backoff that grows with each one in a row.
 */
export function answered(pace: Pace, now: number, pushedBack: boolean, retryAfterSeconds?: number): Pace {
	const inFlight = Math.max(0, pace.inFlight - 1);
	if (!pushedBack) return {...pace, inFlight, throttled: 0};
	const count = pace.throttled + 1;
	const delay = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? Math.min(retryAfterSeconds * 1000, 60_000) : backoffDelay(count);
	return {...pace, inFlight, throttled: count, pausedUntil: Math.max(pace.pausedUntil, now + delay)};
}

export const withRate = (pace: Pace, rate: number): Pace => ({...pace, rate: clampRate(rate)});

/** How long to wait from `now` before `maySend` can become true (ignoring in-flight answers). */
export function waitMs(pace: Pace, now: number): number {
	return Math.max(0, pace.nextAt - now, pace.pausedUntil - now);
}
