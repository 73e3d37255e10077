// Ingress switches (hand-made blue-green) in the JSON contract and as text
// blocks. The JSON adds a top-level "ingressSwitches" beside "rollouts".
import {readyText, type IngressSwitch, type SwitchSide} from '../model/ingress-switch.js';
import {sanitizeDeep} from '../terminal/sanitize.js';

const LABEL_WIDTH = 17;
const field = (label: string, value: string): string => `${label.padEnd(LABEL_WIDTH)}${value}`.trimEnd();

/** The README's shape: {"namespace","ingress","host","path","live":{...},"idle":[{...,"replicas"}]}, then extras. */
export function switchJson(sw: IngressSwitch) {
	const side = (s: SwitchSide) => ({service: s.service, deployment: s.deployment, images: s.images, ready: readyText(s)});
	return {
		namespace: sw.namespace,
		ingress: sw.ingress,
		host: sw.host,
		path: sw.path,
		live: side(sw.live),
		idle: sw.idle.map((s) => ({...side(s), replicas: s.desired, scaledDownFrom: s.scaledDownFrom})),
		found: sw.found,
		warnings: sw.warnings,
	};
}

const sideLine = (s: SwitchSide, idle: boolean): string =>
	`${s.service} -> ${s.deployment} (${readyText(s)} ready${idle && s.scaledDownFrom !== null ? `, scaled down from ${s.scaledDownFrom}` : ''})  ${s.images.join(', ')}`;

/** One block per switch, like the rollout blocks: Ingress, Host, Live, Idle, Warning lines. */
export function switchText(switches: readonly IngressSwitch[]): string {
	return switches
		.map(sanitizeDeep)
		.map((sw) =>
			[
				field('Ingress switch:', `${sw.namespace}/${sw.ingress}${sw.found === 'override' ? ' (declared in --switches)' : ''}`),
				field('Host:', `${sw.host}${sw.path}`),
				field('Live:', sideLine(sw.live, false)),
				...sw.idle.map((s, i) => field(i === 0 ? 'Idle:' : '', sideLine(s, true))),
				...sw.warnings.map((w) => field('Warning:', w)),
			].join('\n'),
		)
		.join('\n\n');
}
