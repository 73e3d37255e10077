// The "Images:" line: what is actually running, with the role of each image.

import {byString} from './safe.js';
import type {ExperimentView, ReplicaSetView} from './view.js';

export interface ImageTags {
	image: string;
	tags: string[];
}

/**
 * Images of ReplicaSets that have pods (status.replicas > 0), tagged with the
 * ReplicaSet's tags; images of experiment ReplicaSets get `Σ:<template>`.
 * Duplicates merge, tags and images are sorted as strings.
 */
export function imagesLine(replicaSets: readonly ReplicaSetView[], experiments: readonly ExperimentView[] = []): ImageTags[] {
	const tags = new Map<string, Set<string>>();
	const add = (image: string, imageTags: readonly string[]): void => {
		let set = tags.get(image);
		if (set === undefined) tags.set(image, (set = new Set()));
		for (const t of imageTags) set.add(t);
	};
	for (const rs of replicaSets) {
		if (rs.current > 0) for (const image of rs.images) add(image, rs.tags);
	}
	for (const exp of experiments) {
		for (const rs of exp.replicaSets ?? []) {
			if (rs.current > 0) for (const image of rs.images) add(image, rs.template ? [`Σ:${rs.template}`] : []);
		}
	}
	return [...tags]
		.map(([image, set]) => ({image, tags: [...set].sort(byString)}))
		.sort((a, b) => byString(a.image, b.image));
}

/** `image (tag1, tag2)`, or the bare image without tags; `tag` may colour each tag. */
export function formatImage(img: ImageTags, tag: (t: string) => string = (t) => t): string {
	return img.tags.length === 0 ? img.image : `${img.image} (${img.tags.map(tag).join(', ')})`;
}
