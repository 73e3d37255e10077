// Pod-template comparisons for undo: "is the rollout already at that
// revision?" (a semantic, derivative equality like the plugin's) and a
// line diff of what a rollback would change, for the revision picker.
import type {Container, PodTemplate} from '../domain/raw.js';
import {POD_TEMPLATE_HASH_LABEL as HASH_LABEL} from '../domain/facts.js';

/** A copy of the template without the controller's hash label. */
export function withoutHashLabel(template: PodTemplate): PodTemplate {
	const copy = structuredClone(template);
	const labels = copy.metadata?.labels;
	if (labels && HASH_LABEL in labels) {
		delete labels[HASH_LABEL];
	}
	return copy;
}

/**
 * True when every field set in `desired` (the rollout's template) has the
 * same value in `live` (a ReplicaSet's template). Unset and empty values in
 * `desired` are ignored, because the API server fills defaults into a
 * ReplicaSet's template (imagePullPolicy, dnsPolicy, ...) that a Rollout,
 * being a custom resource, never gets. Resource quantities compare by value
 * ("0.5" equals "500m"). The hash label is ignored on both sides.
 */
export function templateMatches(desired: PodTemplate | undefined, live: PodTemplate | undefined): boolean {
	return isDerivative(withoutHashLabel(desired ?? {}), withoutHashLabel(live ?? {}), []);
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value as object).length === 0;
	return false;
}

function isQuantityPath(path: string[]): boolean {
	return path.some((key) => key === 'limits' || key === 'requests' || key === 'overhead');
}

function isDerivative(desired: unknown, live: unknown, path: string[]): boolean {
	if (isEmpty(desired)) return true;
	if (Array.isArray(desired)) {
		if (!Array.isArray(live) || live.length !== desired.length) return false;
		return desired.every((item, index) => isDerivative(item, live[index], [...path, String(index)]));
	}
	if (typeof desired === 'object' && desired !== null) {
		const liveObject = typeof live === 'object' && live !== null && !Array.isArray(live) ? (live as Record<string, unknown>) : {};
		return Object.entries(desired as Record<string, unknown>).every(([key, value]) =>
			isDerivative(value, liveObject[key], [...path, key]),
		);
	}
	if (isQuantityPath(path)) return quantitiesEqual(desired, live);
	return desired === live;
}

// Kubernetes quantity suffixes, as multipliers.
const QUANTITY_SUFFIXES: Record<string, number> = {
	n: 1e-9,
	u: 1e-6,
	m: 1e-3,
	'': 1,
	k: 1e3,
	M: 1e6,
	G: 1e9,
	T: 1e12,
	P: 1e15,
	E: 1e18,
	Ki: 2 ** 10,
	Mi: 2 ** 20,
	Gi: 2 ** 30,
	Ti: 2 ** 40,
	Pi: 2 ** 50,
	Ei: 2 ** 60,
};

/** A quantity ("500m", "1Gi", 2, "1e3") as a number, or null if it is not one. */
export function parseQuantity(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(value.trim());
	if (!match) return null;
	const base = Number(match[1]);
	if (match[2]) return base * 10 ** Number(match[2].slice(1));
	return base * (QUANTITY_SUFFIXES[match[3] ?? ''] ?? 1);
}

function quantitiesEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	const x = parseQuantity(a);
	const y = parseQuantity(b);
	if (x === null || y === null) return false;
	return Math.abs(x - y) <= Math.abs(x) * 1e-12;
}

// ---------------------------------------------------------------------------
// Template diff, for the undo revision picker.

export interface DiffLine {
	kind: 'same' | 'removed' | 'added';
	text: string;
}

/** One comparable fact about a template: a stable key and how it reads. */
interface Fact {
	key: string;
	text: string;
	value: unknown;
}

function compact(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function containerFacts(container: Container): Fact[] {
	const facts: Fact[] = [];
	facts.push({key: 'image', text: `image: ${container.image ?? '(none)'}`, value: container.image ?? null});
	for (const field of ['command', 'args'] as const) {
		const value = container[field];
		if (Array.isArray(value) && value.length > 0) {
			facts.push({key: field, text: `${field}: ${value.map(compact).join(' ')}`, value});
		}
	}
	for (const env of container.env ?? []) {
		const shown = env.valueFrom !== undefined ? `<from ${compact(env.valueFrom)}>` : (env.value ?? '');
		facts.push({key: `env:${env.name ?? ''}`, text: `env ${env.name ?? '?'}=${shown}`, value: env.valueFrom ?? env.value ?? ''});
	}
	for (const kind of ['requests', 'limits'] as const) {
		for (const [resource, amount] of Object.entries(container.resources?.[kind] ?? {})) {
			facts.push({
				key: `resources.${kind}.${resource}`,
				text: `resources.${kind}.${resource}: ${compact(amount)}`,
				value: amount,
			});
		}
	}
	const ports = container['ports'];
	if (Array.isArray(ports)) {
		for (const port of ports as Array<{name?: string; containerPort?: number; protocol?: string}>) {
			const id = `${port.containerPort ?? '?'}/${port.protocol ?? 'TCP'}`;
			facts.push({key: `port:${id}`, text: `port ${id}${port.name ? ` (${port.name})` : ''}`, value: port.name ?? ''});
		}
	}
	return facts;
}

function factsEqual(a: Fact, b: Fact): boolean {
	if (a.key.startsWith('resources.')) return quantitiesEqual(a.value, b.value);
	return JSON.stringify(a.value) === JSON.stringify(b.value);
}

/** Diffs two fact lists by key, keeping `from`'s order and appending new keys. */
function diffFacts(from: Fact[], to: Fact[], indent: string): DiffLine[] {
	const lines: DiffLine[] = [];
	const toByKey = new Map(to.map((fact) => [fact.key, fact]));
	const fromKeys = new Set(from.map((fact) => fact.key));
	for (const fact of from) {
		const other = toByKey.get(fact.key);
		if (!other) {
			lines.push({kind: 'removed', text: indent + fact.text});
		} else if (factsEqual(fact, other)) {
			lines.push({kind: 'same', text: indent + fact.text});
		} else {
			lines.push({kind: 'removed', text: indent + fact.text}, {kind: 'added', text: indent + other.text});
		}
	}
	for (const fact of to) {
		if (!fromKeys.has(fact.key)) lines.push({kind: 'added', text: indent + fact.text});
	}
	return lines;
}

function metadataFacts(template: PodTemplate): Fact[] {
	const stripped = withoutHashLabel(template);
	const facts: Fact[] = [];
	for (const [key, value] of Object.entries(stripped.metadata?.labels ?? {})) {
		facts.push({key: `label:${key}`, text: `label ${key}=${value}`, value});
	}
	for (const [key, value] of Object.entries(stripped.metadata?.annotations ?? {})) {
		facts.push({key: `annotation:${key}`, text: `annotation ${key}=${value}`, value});
	}
	return facts;
}

/**
 * What changes when the pod template goes from `from` (e.g. the current
 * rollout template) to `to` (e.g. the revision to roll back to): template
 * labels and annotations, then per container (init containers first) the
 * image, command, args, env, resources and ports.
 */
export function templateDiff(from: PodTemplate, to: PodTemplate): DiffLine[] {
	const lines = diffFacts(metadataFacts(from), metadataFacts(to), '');
	const groups = [
		{title: 'init container', from: from.spec?.initContainers ?? [], to: to.spec?.initContainers ?? []},
		{title: 'container', from: from.spec?.containers ?? [], to: to.spec?.containers ?? []},
	];
	for (const group of groups) {
		const toByName = new Map(group.to.map((c) => [c.name ?? '', c]));
		const fromNames = new Set(group.from.map((c) => c.name ?? ''));
		for (const container of group.from) {
			const header = `${group.title} ${container.name ?? '?'}`;
			const other = toByName.get(container.name ?? '');
			if (!other) {
				lines.push({kind: 'removed', text: header});
				lines.push(...containerFacts(container).map((f): DiffLine => ({kind: 'removed', text: `  ${f.text}`})));
				continue;
			}
			lines.push({kind: 'same', text: header});
			lines.push(...diffFacts(containerFacts(container), containerFacts(other), '  '));
		}
		for (const container of group.to) {
			if (fromNames.has(container.name ?? '')) continue;
			lines.push({kind: 'added', text: `${group.title} ${container.name ?? '?'}`});
			lines.push(...containerFacts(container).map((f): DiffLine => ({kind: 'added', text: `  ${f.text}`})));
		}
	}
	return lines;
}
