// One canary step, read once: what it asks for, in plain fields.
import {bool, dict, dicts, int, isDict, str, type Dict} from './read.js';

export type StepKind =
	| 'setWeight'
	| 'pause'
	| 'analysis'
	| 'experiment'
	| 'setCanaryScale'
	| 'setHeaderRoute'
	| 'setMirrorRoute'
	| 'plugin'
	| 'other';

export interface Step {
	kind: StepKind;
	/** setWeight steps: the weight (an integer), else undefined. */
	setWeight: number | undefined;
	/** pause steps: "30s", 45, or undefined for an indefinite pause. */
	pauseDuration: string | number | undefined;
	/** setCanaryScale steps. */
	scale: {weight: number | undefined; replicas: number | undefined; matchTrafficWeight: boolean};
	/** analysis steps: template names; experiment steps: the experiment's template names. */
	templates: string[];
	/** experiment steps: spec duration as written ('' when running until the next step). */
	experimentDuration: string;
	/** experiment steps: names of the analyses the experiment runs. */
	experimentAnalyses: string[];
	/** setHeaderRoute / setMirrorRoute: the route's name; plugin: the plugin's name. */
	name: string;
	/** setHeaderRoute / setMirrorRoute: how many match rules it has (0 removes the route). */
	matchCount: number;
	/** setMirrorRoute: the percentage mirrored, when set. */
	percentage: number | undefined;
	/** The step's first key, for kinds not modelled here ('' when none). */
	firstKey: string;
}

const ORDER: readonly StepKind[] = [
	'setWeight',
	'pause',
	'analysis',
	'experiment',
	'setCanaryScale',
	'setHeaderRoute',
	'setMirrorRoute',
	'plugin',
];

/** Names of `templates[]` entries ({templateName} for analysis, {name} for experiment templates). */
const names = (items: unknown, key: string): string[] => dicts(items).map((t) => str(t[key])).filter((n) => n !== '');

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
		...stepDetails(kind, step),
		firstKey: isDict(raw) ? (Object.keys(raw)[0] ?? '') : '',
	};
}

type Details = Pick<Step, 'templates' | 'experimentDuration' | 'experimentAnalyses' | 'name' | 'matchCount' | 'percentage'>;

function stepDetails(kind: StepKind, step: Dict): Details {
	const none: Details = {templates: [], experimentDuration: '', experimentAnalyses: [], name: '', matchCount: 0, percentage: undefined};
	switch (kind) {
		case 'analysis':
			return {...none, templates: names(dict(step['analysis'])['templates'], 'templateName')};
		case 'experiment': {
			const exp = dict(step['experiment']);
			const duration = exp['duration'];
			return {
				...none,
				templates: names(exp['templates'], 'name'),
				experimentDuration: typeof duration === 'number' ? `${duration}s` : str(duration),
				experimentAnalyses: names(exp['analyses'], 'name'),
			};
		}
		case 'setHeaderRoute':
		case 'setMirrorRoute': {
			const route = dict(step[kind]);
			return {...none, name: str(route['name']), matchCount: dicts(route['match']).length, percentage: int(route['percentage'])};
		}
		case 'plugin':
			return {...none, name: str(dict(step['plugin'])['name'])};
		default:
			return none;
	}
}
