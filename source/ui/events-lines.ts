// The detail screen's EVENTS section: the newest events of the rollout and its
// objects, Warnings first (the model's order), one line each:
// "⚠ 12s ProgressDeadlineExceeded ×3 rollout/demo: message". Pure.
import {age} from '../model/duration.js';
import type {EventView} from '../model/view.js';
import {EVENT_WARNING_GLYPH} from '../terminal/theme.js';
import {fit, seg, type Line} from './lines.js';

/** The detail view shows this many; the JSON carries the model's full list. */
export const SHOWN_EVENTS = 10;

export function eventLine(event: EventView, now: number, withSubject = true): Line {
	const warning = event.type === 'Warning';
	const line: Line = [
		seg(warning ? EVENT_WARNING_GLYPH : '·', {color: warning ? 'red' : undefined, dim: !warning}),
		seg(` ${fit(event.lastSeen ? age(event.lastSeen, now) : '?', 4)} `, {dim: true}),
		seg(event.reason || '(no reason)', {bold: true, color: warning ? 'red' : undefined}),
	];
	if (event.count > 1) line.push(seg(` ×${event.count}`, {color: 'yellow'}));
	if (withSubject) line.push(seg(` ${event.object.kind.toLowerCase()}/${event.object.name}`, {dim: true}));
	if (event.message) line.push(seg(`: ${oneLine(event.message)}`));
	return line;
}

/** Messages may span lines; the section shows each event on one. */
const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export function eventsLines(events: readonly EventView[], now: number, title = 'EVENTS'): Line[] {
	const warnings = events.filter(e => e.type === 'Warning').length;
	const head: Line = [seg(title, {bold: true})];
	if (events.length === 0) return [[...head, seg('  none in scope', {dim: true})]];
	head.push(seg(`  ${events.length}`), seg(warnings ? `  ${warnings} warning${warnings === 1 ? '' : 's'}` : '', {color: 'red'}));
	const shown = events.slice(0, SHOWN_EVENTS).map(e => [seg(' '), ...eventLine(e, now)]);
	const more = events.length - shown.length;
	return [head, ...shown, ...(more > 0 ? [[seg(` … ${more} more (-o json lists them)`, {dim: true})]] : [])];
}
