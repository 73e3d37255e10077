// The "Images:" line: what is actually running, with the role of each image.

import {byString} from './safe.js';
import {sortInPlace} from './sort.js';
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
	const lines = new ImageLines();
	for (const rs of replicaSets) {
		if (rs.current > 0) for (const image of rs.images) lines.get(image).push(...rs.tags);
	}
	for (const exp of experiments) {
		for (const rs of exp.replicaSets ?? []) {
			if (rs.current > 0) {
				for (const image of rs.images) {
					const tags = lines.get(image);
					if (rs.template) tags.push(`Σ:${rs.template}`);
				}
			}
		}
	}
	for (const line of lines.list) uniqueSorted(line.tags);
	return sortInPlace(lines.list, byImage);
}

/** One ImageTags per image, in first-seen order; found by a scan while few, by a Map after. */
class ImageLines {
	readonly list: ImageTags[] = [];
	private index: Map<string, ImageTags> | undefined;

	/** The tags of this image's line, added if new. */
	get(image: string): string[] {
		let line: ImageTags | undefined;
		if (this.index === undefined) {
			for (const l of this.list) if (l.image === image) return l.tags;
		} else {
			line = this.index.get(image);
			if (line !== undefined) return line.tags;
		}
		line = {image, tags: []};
		this.list.push(line);
		if (this.index !== undefined) this.index.set(image, line);
		else if (this.list.length > 8) this.index = new Map(this.list.map((l) => [l.image, l]));
		return line.tags;
	}
}

const byImage = (a: ImageTags, b: ImageTags): number => byString(a.image, b.image);

/** Sort as strings and drop repeats, in place. */
function uniqueSorted(tags: string[]): void {
	sortInPlace(tags, byString);
	let w = 0;
	for (let r = 0; r < tags.length; r++) if (r === 0 || tags[r] !== tags[w - 1]) tags[w++] = tags[r]!;
	tags.length = w;
}

/** `image (tag1, tag2)`, or the bare image without tags; `tag` may colour each tag. */
export function formatImage(img: ImageTags, tag: (t: string) => string = (t) => t): string {
	return img.tags.length === 0 ? img.image : `${img.image} (${img.tags.map(tag).join(', ')})`;
}
