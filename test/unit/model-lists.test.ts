// podViews and imagesLine against straightforward reference versions: same
// order and content, including many pods or images and repeated keys.
import {describe, expect, it} from 'vitest';
import {imagesLine} from '../../source/model/images.js';
import type {Pod} from '../../source/domain/raw.js';
import {toPod} from '../../source/domain/normalise.js';
import {comparePods, podState as podStateOf, podStatus as podStatusOf, podView as podViewOf, podViews as podViewsOf} from '../../source/model/pod.js';

// The model reads pods through the domain, as deriveRollouts does.
const podStatus = (raw: unknown) => podStatusOf(toPod(raw));
const podState = (raw: unknown, s?: ReturnType<typeof podStatus>) => podStateOf(toPod(raw), s);
const podView = (raw: unknown) => podViewOf(toPod(raw));
const podViews = (raws: readonly unknown[]) => podViewsOf(raws.map(toPod));
import {byString} from '../../source/model/safe.js';
import type {ExperimentView, ReplicaSetView} from '../../source/model/view.js';

const STAMPS = ['2026-11-09T15:30:12Z', '2026-11-09T15:30:11Z', '2026-11-09T15:30:12.5Z', '', 'bad', '2026-11-30T15:30:12Z'];

function pods(n: number): unknown[] {
	return Array.from({length: n}, (_, i): Pod | unknown =>
		i % 11 === 10
			? null
			: {
					metadata: {name: `p${(i * 7) % 5}`, creationTimestamp: STAMPS[i % STAMPS.length], ...(i % 4 === 3 ? {deletionTimestamp: 't'} : {})},
					spec: {containers: Array.from({length: (i % 3) + 1}, () => ({}))},
					status: {phase: 'Running', containerStatuses: Array.from({length: i % 3}, (_, j) => ({ready: j !== 1, state: {running: {}}}))},
				},
	);
}

describe('podViews', () => {
	it('equals podView of each pod sorted by comparePods', () => {
		for (const n of [0, 1, 2, 5, 16, 17, 60]) {
			const list = pods(n);
			expect(podViews(list)).toEqual(list.map((p) => podView(p)).sort(comparePods));
		}
	});

	it('podView agrees with podStatus and podState', () => {
		for (const p of pods(30)) {
			const s = podStatus(p);
			expect(podView(p)).toMatchObject({status: s.status, ready: s.ready, restarts: s.restarts, state: podState(p, s)});
		}
	});

	it('READY past the cached sizes', () => {
		const many = {spec: {containers: Array.from({length: 20}, () => ({}))}, status: {containerStatuses: Array.from({length: 18}, () => ({ready: true, state: {running: {}}}))}};
		expect(podStatus(many).ready).toBe('18/20');
		expect(podView(many).ready).toBe('18/20');
	});
});

/** The Map-and-Set version imagesLine replaced. */
function referenceImagesLine(replicaSets: readonly ReplicaSetView[], experiments: readonly ExperimentView[] = []) {
	const tags = new Map<string, Set<string>>();
	const add = (image: string, imageTags: readonly string[]): void => {
		let set = tags.get(image);
		if (set === undefined) tags.set(image, (set = new Set()));
		for (const t of imageTags) set.add(t);
	};
	for (const rs of replicaSets) if (rs.current > 0) for (const image of rs.images) add(image, rs.tags);
	for (const exp of experiments) {
		for (const rs of exp.replicaSets ?? []) if (rs.current > 0) for (const image of rs.images) add(image, rs.template ? [`Σ:${rs.template}`] : []);
	}
	return [...tags].map(([image, set]) => ({image, tags: [...set].sort(byString)})).sort((a, b) => byString(a.image, b.image));
}

describe('imagesLine', () => {
	const rs = (images: string[], tags: string[], current: number, template?: string) =>
		({images, tags, current, ...(template ? {template} : {})}) as ReplicaSetView;

	it('matches the reference with few and many images, repeats and experiments', () => {
		for (const count of [0, 1, 3, 8, 9, 30]) {
			const sets = Array.from({length: count}, (_, i) => rs([`img:${(i * 5) % 13}`, `side:${i % 4}`], [['stable'], ['canary', 'stable'], [], ['active', 'active']][i % 4]!, i % 5));
			const experiments = [
				{replicaSets: Array.from({length: count}, (_, i) => rs([`img:${i % 17}`], [], i % 3, i % 2 ? `t${i % 5}` : undefined))},
			] as ExperimentView[];
			expect(imagesLine(sets, experiments)).toEqual(referenceImagesLine(sets, experiments));
			expect(imagesLine(sets)).toEqual(referenceImagesLine(sets));
		}
	});
});
