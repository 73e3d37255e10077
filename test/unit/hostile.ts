// Hostile object data for the terminal-injection tests: escape sequences,
// C1 controls and bidi overrides in every field a printer or frame shows.
import type {ObjectSets} from '../../source/domain/raw.js';
import {loadList} from './builders.js';

/** Title change (OSC 0), SGR, C1 CSI and OSC, BEL, NUL, a bidi override and OSC 52. */
export const HOSTILE = '\u001B]0;PWNED\u0007\u001B[41mRED\u001B[0m\u009B2J\u009D8;;x\u009C\u202Eevil\u0000\u001B]52;c;aGk=\u0007';
/** Any byte a terminal would act on: C0 but newline, DEL, C1, bidi controls. */
export const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The bundled example with HOSTILE appended to every string that names, describes or identifies something. */
export function hostileExample(): ObjectSets {
	const keep = /Timestamp|Time$|At$|^revision$|^rollout\.argoproj\.io\/revision$|^(apiVersion|kind|uid|type|status)$/;
	const poison = (value: unknown, key: string): unknown => {
		if (typeof value === 'string') return keep.test(key) ? value : `${value}${HOSTILE}`;
		if (Array.isArray(value)) return value.map(item => poison(item, key));
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
		}
		return value;
	};
	return poison(loadList(new URL('../../examples/bluegreen-paused.yaml', import.meta.url).pathname), '') as ObjectSets;
}

