// The canary's weights panel: the weight its step sets against the weight
// traffic really has, as bars scaled to maxTrafficWeight; the traffic router
// and the weights the controller last wrote to it (with the hash each
// destination selects), and any additional destinations.
import type {DestinationWeight} from '../domain/traffic.js';
import type {RolloutView} from '../model/view.js';
import {fit, seg, type Line} from './lines.js';
import {tagColor} from './theme.js';

const LABEL = 11;

/** A bar of `width` cells, `value` of `max` filled: readable without colour. */
export function bar(value: number, max: number, width: number): string {
	const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
	const filled = Math.round(share * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function destination(role: string, d: DestinationWeight): Line {
	const line: Line = [seg(fit('', LABEL)), seg(fit(role, 8), {color: tagColor(role)}), seg(fit(String(d.weight), 5), {bold: true})];
	if (d.serviceName) line.push(seg(`→ ${d.serviceName}`));
	if (d.podTemplateHash) line.push(seg(` (${d.podTemplateHash})`, {dim: true}));
	return line;
}

export function weightsLines(view: RolloutView, width: number): Line[] {
	if (view.strategy !== 'Canary' || view.setWeight === null) return [];
	const routing = view.trafficRouting;
	const max = routing?.maxTrafficWeight ?? 100;
	const barWidth = Math.max(5, Math.min(30, width - LABEL - 20));
	const row = (label: string, value: number | null, color: 'yellow' | 'green'): Line => [
		seg(fit(label, LABEL), {dim: true}),
		seg(fit(String(value ?? 0), 5), {bold: true}),
		seg(bar(value ?? 0, max, barWidth), {color}),
		seg(` of ${max}`, {dim: true}),
	];
	const lines: Line[] = [[seg('WEIGHTS', {bold: true})], row(' set', view.setWeight, 'yellow'), row(' actual', view.actualWeight, 'green')];
	if (routing === null) {
		lines.push([seg(fit(' router', LABEL), {dim: true}), seg('none (replica count sets the weight)', {dim: true})]);
		return lines;
	}
	for (const router of routing.routers) {
		lines.push([seg(fit(' router', LABEL), {dim: true}), seg(router.type, {bold: true}), seg(router.name ? ` ${router.name}` : '')]);
	}
	const weights = routing.weights;
	if (weights === null) {
		lines.push([seg(fit('', LABEL)), seg('no weights reported yet', {dim: true})]);
		return lines;
	}
	lines.push(destination('canary', weights.canary), destination('stable', weights.stable));
	for (const extra of weights.additional) lines.push(destination('extra', extra));
	if (weights.verified !== null) lines.push([seg(fit('', LABEL)), seg(weights.verified ? 'weights verified' : 'weights not verified yet', {color: weights.verified ? 'green' : 'yellow'})]);
	return lines;
}
