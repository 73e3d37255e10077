// 1. Model: deriveRollouts time and heap for 10, 100 and 1000 rollouts
// (3 ReplicaSets x 5 pods each, Services and an Ingress).
import {deriveRollouts} from '../../source/model/derive.js';
import {countObjects, generateObjects} from './fixtures.js';
import {gc, mb, median, ms, quantile, type Table} from './util.js';

const SIZES = [10, 100, 1000];
const MAX_RUNS = 300;
const TIME_BUDGET_MS = 4000; // per size

export function benchModel(): Table {
	const rows: string[][] = [];
	for (const n of SIZES) {
		const now = Date.now();
		const objects = generateObjects(n, now);
		for (let i = 0; i < 5; i++) deriveRollouts(objects, now); // warm up the JIT

		const times: number[] = [];
		const start = performance.now();
		while (times.length < MAX_RUNS && performance.now() - start < TIME_BUDGET_MS) {
			const t0 = performance.now();
			deriveRollouts(objects, now);
			times.push(performance.now() - t0);
		}

		// Heap: allocated by one run (no GC in between, best effort) and retained by its result.
		gc();
		const before = process.memoryUsage().heapUsed;
		const views = deriveRollouts(objects, now);
		const allocated = process.memoryUsage().heapUsed - before;
		gc();
		const retained = process.memoryUsage().heapUsed - before;
		if (views.length !== n) throw new Error(`expected ${n} views, got ${views.length}`);

		rows.push([
			String(n),
			String(objects.pods.length),
			String(countObjects(objects)),
			String(times.length),
			ms(median(times)),
			ms(quantile(times, 0.95)),
			mb(allocated),
			mb(retained),
			n === 1000 ? '< 50 ms' : '',
		]);
	}
	return {
		title: '1. Model: deriveRollouts(objects, now)',
		head: ['rollouts', 'pods', 'objects', 'runs', 'median', 'p95', 'heap alloc/run', 'heap retained (views)', 'target (median)'],
		rows,
		notes: ['heap alloc = heapUsed after one run minus before (GC forced before); retained = same after a second GC, result still referenced'],
	};
}
