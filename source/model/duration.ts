// Durations as Kubernetes prints them (k8s.io/apimachinery util/duration
// HumanDuration): two significant units at most, coarser as time grows.

import {time} from '../domain/read.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export function humanDuration(ms: number): string {
	if (!Number.isFinite(ms)) return '<invalid>';
	// Up to two seconds in the future is tolerated as clock skew: "0s".
	const seconds = Math.trunc(ms / SECOND);
	if (seconds < -1) return '<invalid>';
	if (seconds < 0) return '0s';
	if (seconds < 120) return `${seconds}s`;

	const minutes = Math.floor(ms / MINUTE);
	if (minutes < 10) {
		const s = seconds % 60;
		return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
	}
	if (minutes < 3 * 60) return `${minutes}m`;

	const hours = Math.floor(ms / HOUR);
	if (hours < 8) {
		const m = minutes % 60;
		return m === 0 ? `${hours}h` : `${hours}h${m}m`;
	}
	if (hours < 48) return `${hours}h`;

	const days = Math.floor(hours / 24);
	if (hours < 24 * 8) {
		const h = hours % 24;
		return h === 0 ? `${days}d` : `${days}d${h}h`;
	}
	if (hours < 24 * 365 * 2) return `${days}d`;

	const years = Math.floor(days / 365);
	if (hours < 24 * 365 * 8) {
		const d = days % 365;
		return d === 0 ? `${years}y` : `${years}y${d}d`;
	}
	return `${years}y`;
}

/** The AGE column: time since an RFC 3339 timestamp; "<unknown>" when absent, as kubectl does. */
export function age(timestamp: string | null | undefined, now: number): string {
	const t = time(timestamp);
	return t === undefined ? '<unknown>' : humanDuration(now - t);
}
