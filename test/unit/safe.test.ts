import {describe, expect, it} from 'vitest';
import {countDicts, meta, metadataOf, ownerUids, strEntry, strMap, strOrNull, time, utcSeconds} from '../../source/model/safe.js';

describe('metadataOf and its accessors', () => {
	it('returns the metadata object itself, or an empty one', () => {
		const metadata = {name: 'a', labels: {app: 'x'}};
		expect(metadataOf({metadata})).toBe(metadata);
		for (const o of [null, undefined, 'x', 5, [], {}, {metadata: null}, {metadata: 'x'}, {metadata: []}]) expect(metadataOf(o)).toEqual({});
	});

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

	it('countDicts counts the object elements', () => {
		expect([countDicts([{}, null, [], 'x', {a: 1}]), countDicts('x'), countDicts(undefined), countDicts({length: 2})]).toEqual([2, 0, 0, 0]);
	});

	it('ownerUids keeps non-empty string UIDs in order, repeats included', () => {
		expect(ownerUids({ownerReferences: [{uid: 'a'}, null, {uid: ''}, {uid: 5}, 'x', {uid: 'b'}, {uid: 'a'}]})).toEqual(['a', 'b', 'a']);
		expect(ownerUids({ownerReferences: 'x'})).toEqual([]);
		expect(ownerUids({})).toEqual([]);
	});

	it('meta still normalises every field', () => {
		expect(
			meta({metadata: {name: 'n', generation: 2.7, creationTimestamp: '', deletionTimestamp: 't', labels: {a: 'x', b: 1}, annotations: 'x', ownerReferences: [{uid: 'u'}]}}),
		).toEqual({
			name: 'n',
			namespace: '',
			uid: '',
			resourceVersion: '',
			generation: 2,
			creationTimestamp: null,
			deletionTimestamp: 't',
			labels: {a: 'x'},
			annotations: {},
			ownerUids: ['u'],
		});
	});
});

describe('time', () => {
	const parse = (s: string) => {
		const t = Date.parse(s);
		return Number.isNaN(t) ? undefined : t;
	};

	it('reads the API server form without Date.parse, with the same result', () => {
		expect(utcSeconds('2024-05-01T12:34:56Z')).toBe(Date.parse('2024-05-01T12:34:56Z'));
		expect(utcSeconds('1970-01-01T00:00:00Z')).toBe(0);
		expect(utcSeconds('0000-01-01T00:00:00Z')).toBe(Date.parse('0000-01-01T00:00:00Z'));
		expect(utcSeconds('1969-12-28T23:59:59Z')).toBe(-(3 * 86_400_000) - 1000);
	});

	it('leaves other forms and out-of-range fields to Date.parse', () => {
		for (const s of ['2024-05-01T12:34:56.5Z', '2024-05-01T12:34:56+02:00', '2024-05-01t12:34:56z', '2024-02-29T00:00:00Z', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T23:59:60Z', '2024-01-01T23:5x:00Z', '+2024-01-01T00:00:00Z']) {
			expect(utcSeconds(s)).toBeUndefined();
			expect(time(s)).toBe(parse(s));
		}
		expect([time(''), time(undefined), time(5), time('yesterday')]).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('agrees with Date.parse on every month, day, hour, minute and second of many years', () => {
		const pad = (v: number, w: number) => String(v).padStart(w, '0');
		for (const year of [0, 1, 99, 100, 400, 1600, 1899, 1900, 1969, 1970, 1999, 2000, 2024, 2100, 2400, 9999]) {
			for (let month = 0; month <= 13; month++) {
				for (const day of [0, 1, 15, 28, 29, 31, 32]) {
					for (const [h, m, s] of [[0, 0, 0], [23, 59, 59], [12, 60, 0], [24, 0, 0]]) {
						const ts = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(h!, 2)}:${pad(m!, 2)}:${pad(s!, 2)}Z`;
						expect(time(ts), ts).toBe(parse(ts));
					}
				}
			}
		}
	});
});
