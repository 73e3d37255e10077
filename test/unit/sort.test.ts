import {describe, expect, it} from 'vitest';
import {SMALL_SORT, sortByKey, sortInPlace} from '../../source/model/sort.js';

interface Item {
	key: number;
	name: string;
	id: number;
}

/** Items with many equal keys and names, so stability shows. */
function items(n: number, seed: number): Item[] {
	let s = seed;
	const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
	return Array.from({length: n}, (_, id) => ({key: [Number.NEGATIVE_INFINITY, 0, 1, 2][next() % 4]!, name: 'abc'[next() % 3]!, id}));
}

const byName = (a: Item, b: Item) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byKeyThenName = (a: Item, b: Item) => (a.key < b.key ? -1 : a.key > b.key ? 1 : byName(a, b));

describe('sortInPlace', () => {
	it('gives what Array.prototype.sort gives, stably, short or long', () => {
		for (const n of [0, 1, 2, 3, SMALL_SORT - 1, SMALL_SORT, SMALL_SORT + 1, 100]) {
			for (let seed = 1; seed < 20; seed++) {
				const list = items(n, seed);
				const sorted = sortInPlace([...list], byKeyThenName);
				expect(sorted.map((x) => x.id)).toEqual([...list].sort(byKeyThenName).map((x) => x.id));
			}
		}
	});

	it('sorts in place and returns the same array', () => {
		const list = [3, 1, 2];
		expect(sortInPlace(list, (a, b) => a - b)).toBe(list);
		expect(list).toEqual([1, 2, 3]);
	});
});

describe('sortByKey', () => {
	it('orders by key, then by the comparator, stably, keys moving along', () => {
		for (const n of [0, 1, 2, 5, SMALL_SORT, SMALL_SORT + 1, 100]) {
			for (let seed = 1; seed < 20; seed++) {
				const list = items(n, seed);
				const keys = list.map((x) => x.key);
				const sorted = sortByKey([...list], keys, byName);
				expect(sorted.map((x) => x.id)).toEqual([...list].sort(byKeyThenName).map((x) => x.id));
				expect(keys).toEqual(sorted.map((x) => x.key));
			}
		}
	});
});
