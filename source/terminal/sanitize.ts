// The one sanitiser at the terminal edge. Text from the cluster or a file is
// untrusted (kubectl's CVE-2021-25743 class): an ESC, a C1 control or a bidi
// override in a status message could retitle the terminal, write the
// clipboard (OSC 52), plant a link (OSC 8), clear the screen or reorder what
// the operator reads. Every string that reaches a terminal goes through
// `sanitize`, which makes such characters visible and inert and keeps
// ordinary Unicode (CJK, emoji) as it is. JSON output keeps exact strings:
// JSON escaping, plus `jsonForTerminal` for what JSON.stringify leaves raw.

/** DEL, C1 controls, and the Unicode bidi and invisible-direction marks. */
const BEYOND_C0 = '\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
/** Those and the C0 controls: every character a terminal could act on or reorder text by. */
const UNSAFE = new RegExp(`[\u0000-\u001f${BEYOND_C0}]`);
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const BEYOND_C0_ALL = new RegExp(`[${BEYOND_C0}]`, 'g');

const unicodeEscape = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The longest string any one field may show; longer ones end with an ellipsis. */
export const MAX_FIELD_LENGTH = 512;

/** How an unsafe character is shown: caret notation for C0 and DEL (ESC is `^[`, as kubectl), `\uXXXX` otherwise. */
function visible(ch: string): string {
	const code = ch.charCodeAt(0);
	if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
	if (code === 0x7f) return '^?';
	return unicodeEscape(ch);
}

/** The first `end` code units of `text`, one less when that would split a surrogate pair. */
function cutAt(text: string, end: number): string {
	const last = text.charCodeAt(end - 1);
	return text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}

/**
 * JSON (or YAML) text with DEL, C1 controls (U+009B is a CSI to many terminals)
 * and bidi controls written as \uXXXX. JSON.stringify escapes C0 controls but
 * leaves these raw; they can only occur inside strings, so the escape keeps
 * the value exact and the terminal safe.
 */
export const jsonForTerminal = (json: string): string => json.replace(BEYOND_C0_ALL, unicodeEscape);

/**
 * `text` made safe for a terminal: unsafe characters shown as `^[`, `^G`,
 * `\u009b`, `\u202e`…, and cut to `maxLength` code units with `…` so that one
 * huge field cannot blow up a table, a tree or the output.
 */
export function sanitize(text: string, maxLength = MAX_FIELD_LENGTH): string {
	const cut = text.length > maxLength ? `${cutAt(text, maxLength - 1)}…` : text;
	return UNSAFE.test(cut) ? cut.replace(UNSAFE_ALL, visible) : cut;
}

/** Sanitises text that is laid out over several lines: newlines and tabs are kept as layout, everything else as `sanitize`. */
export function sanitizeMultiline(text: string, maxLength = MAX_FIELD_LENGTH * 8): string {
	return text
		.split('\n')
		.map(line => sanitize(line.replace(/\t/g, '    '), maxLength))
		.join('\n');
}

/** A deep copy of `value` with every string sanitised (for printers that lay out whole views). */
export function sanitizeDeep<T>(value: T): T {
	if (typeof value === 'string') return sanitize(value) as T;
	if (Array.isArray(value)) return value.map(item => sanitizeDeep(item)) as T;
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) out[key] = sanitizeDeep(item);
		return out as T;
	}
	return value;
}
