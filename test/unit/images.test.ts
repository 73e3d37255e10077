import {describe, expect, it} from 'vitest';
import {formatImage, imagesLine} from '../../source/model/images.js';
import type {ExperimentView, ReplicaSetView} from '../../source/model/view.js';

const rs = (images: string[], tags: string[], current: number, template?: string) =>
	({images, tags, current, ...(template ? {template} : {})}) as ReplicaSetView;

describe('imagesLine', () => {
	it('tags each running image with its ReplicaSet tags, merged, sorted', () => {
		const line = imagesLine([
			rs(['demo:green'], ['preview'], 3),
			rs(['demo:blue', 'sidecar:1'], ['stable', 'active'], 3),
			rs(['demo:green', 'sidecar:1'], ['canary'], 1),
		]);
		expect(line).toEqual([
			{image: 'demo:blue', tags: ['active', 'stable']},
			{image: 'demo:green', tags: ['canary', 'preview']},
			{image: 'sidecar:1', tags: ['active', 'canary', 'stable']},
		]);
	});

	it('leaves out ReplicaSets without pods (status.replicas 0)', () => {
		expect(imagesLine([rs(['demo:old'], [], 0), rs(['demo:new'], ['stable'], 2)])).toEqual([{image: 'demo:new', tags: ['stable']}]);
	});

	it('keeps untagged images and adds Σ:<template> for experiment ReplicaSets', () => {
		const exp = {replicaSets: [rs(['demo:baseline'], [], 1, 'baseline'), rs(['demo:canary'], [], 1, 'canary'), rs(['demo:x'], [], 0, 'x')]} as ExperimentView;
		expect(imagesLine([rs(['demo:v1'], [], 2)], [exp])).toEqual([
			{image: 'demo:baseline', tags: ['Σ:baseline']},
			{image: 'demo:canary', tags: ['Σ:canary']},
			{image: 'demo:v1', tags: []},
		]);
	});
});

describe('formatImage', () => {
	it('prints image (tag1, tag2), or the bare image', () => {
		expect(formatImage({image: 'demo:blue', tags: ['active', 'stable']})).toBe('demo:blue (active, stable)');
		expect(formatImage({image: 'demo:blue', tags: []})).toBe('demo:blue');
	});
});
