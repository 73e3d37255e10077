import {describe, expect, it} from 'vitest';
import {ownersOf} from '../../source/domain/facts.js';
import {metaOf} from '../../source/domain/meta.js';
import {int, strEntry, strMap, strOrNull, time} from '../../source/domain/read.js';

describe('readers and metadata', () => {
	it('strEntry reads one string entry as strMap does, without copying', () => {
		const labels: Record<string, unknown> = {a: 'x', b: 5, c: null, d: ''};
		Object.defineProperty(labels, 'hidden', {value: 'h', enumerable: false});
		for (const key of ['a', 'b', 'c', 'd', 'hidden', 'missing']) expect(strEntry(labels, key)).toBe(strMap(labels)[key]);
		expect(strEntry(Object.create({inherited: 'x'}), 'inherited')).toBeUndefined();
		for (const x of [null, undefined, 'x', ['a'], 5]) expect(strEntry(x, '0')).toBeUndefined();
	});

	it('strOrNull keeps non-empty strings', () => {
		expect([strOrNull('t'), strOrNull(''), strOrNull(5), strOrNull(null), strOrNull(undefined)]).toEqual(['t', null, null, null, null]);
	});

	it('ownersOf keeps non-empty string UIDs once, in order, and the controller', () => {
		expect(ownersOf([{uid: 'a'}, null, {uid: ''}, {uid: 5}, 'x', {uid: 'b', controller: true}, {uid: 'a'}])).toEqual({all: ['a', 'b'], controller: 'b'});
		expect(ownersOf('x')).toEqual({all: [], controller: null});
		expect(ownersOf(undefined)).toEqual({all: [], controller: null});
	});

	it('metaOf normalises every field', () => {
		expect(
			metaOf({metadata: {name: 'n', generation: 2.7, creationTimestamp: '', deletionTimestamp: 't', labels: {a: 'x', b: 1}, annotations: 'x', ownerReferences: [{uid: 'u'}]}}),
		).toEqual({
			name: 'n',
			namespace: '',
			uid: '',
			resourceVersion: '',
			generation: 2,
			createdAt: null,
			createdMs: Number.NEGATIVE_INFINITY,
			deleting: true,
			owners: {all: ['u'], controller: null},
		});
		for (const o of [null, undefined, 'x', 5, [], {}, {metadata: null}, {metadata: 'x'}, {metadata: []}]) expect(metaOf(o).name).toBe('');
	});
});

describe('time', () => {
	const parse = (s: string) => {
		const t = Date.parse(s);
		return Number.isNaN(t) ? undefined : t;
	};

	it('reads RFC 3339 as Date.parse does; anything else is undefined', () => {
		for (const s of ['2024-05-01T12:34:56Z', '2024-05-01T12:34:56.5Z', '2024-05-01T12:34:56+02:00', '2024-02-30T00:00:00Z', '+2024-01-01T00:00:00Z']) {
			expect(time(s)).toBe(parse(s));
		}
		expect([time(''), time(undefined), time(5), time('yesterday')]).toEqual([undefined, undefined, undefined, undefined]);
	});
});

describe('int: absurd numbers read as absent', () => {
	it('keeps safe integers (truncated) and drops 1e308, Infinity, NaN and non-numbers', () => {
		expect([int(3), int(2.7), int(-2.7), int(Number.MAX_SAFE_INTEGER), int(-Number.MAX_SAFE_INTEGER)]).toEqual([3, 2, -2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
		for (const x of [1e308, -1e308, 2 ** 53, Infinity, -Infinity, Number.NaN, '3', null, undefined]) expect(int(x)).toBeUndefined();
	});
});
