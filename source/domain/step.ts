// One canary step, read once: what it asks for, in plain fields.
import {bool, dict, int, isDict} from './read.js';

export type StepKind = 'setWeight' | 'pause' | 'analysis' | 'experiment' | 'setCanaryScale' | 'other';

export interface Step {
	kind: StepKind;
	/** setWeight steps: the weight (an integer), else undefined. */
	setWeight: number | undefined;
	/** pause steps: "30s", 45, or undefined for an indefinite pause. */
	pauseDuration: string | number | undefined;
	/** setCanaryScale steps. */
	scale: {weight: number | undefined; replicas: number | undefined; matchTrafficWeight: boolean};
	/** The step's first key, for kinds not modelled here ('' when none). */
	firstKey: string;
}

const ORDER: readonly StepKind[] = ['setWeight', 'pause', 'analysis', 'experiment', 'setCanaryScale'];

export function stepOf(raw: unknown): Step {
	const step = dict(raw);
	const kind = ORDER.find((k) => k in step && step[k] !== undefined) ?? 'other';
	const duration = dict(step['pause'])['duration'];
	const scale = dict(step['setCanaryScale']);
	return {
		kind,
		setWeight: int(step['setWeight']),
		pauseDuration: typeof duration === 'string' || typeof duration === 'number' ? duration : undefined,
		scale: {weight: int(scale['weight']), replicas: int(scale['replicas']), matchTrafficWeight: bool(scale['matchTrafficWeight'])},
		firstKey: isDict(raw) ? (Object.keys(raw)[0] ?? '') : '',
	};
}

