// The whole screen as styled lines, from the UI state and the views: title
// bar, body (list or detail, with a modal layer on top), message line and key
// hints. Pure: the App renders what this returns, and the key dispatcher gets
// the geometry it needs in the same pass, so both see one layout.
import type {ActionName, Applicability, DiffLine} from '../actions/plan.js';
import type {RolloutView} from '../model/view.js';
import type {IngressSwitch} from '../model/ingress-switch.js';
import {switchKey} from '../actions/switch-targets.js';
import {switchDetailLines, switchListLines} from './switch-lines.js';
import type {WatchSummary} from '../kube/watch-status.js';
import {rolloutRuns} from '../model/analysis-view.js';
import {analysisRunLines} from './analysis-lines.js';
import type {PodDetailView} from '../model/pod-detail.js';
import {detailLines, gridRows} from './detail-lines.js';
import {podFocusLines} from './pod-screen.js';
import {bindingsFor, footerKeys, isAction, isManual} from './keymap.js';
import {scrollToShow, seg, windowOf, type Line} from './lines.js';
import {listLines} from './list-lines.js';
import {trafficLines, type TrafficPanel} from './traffic-lines.js';
import {confirmLines, helpLines, hintLine, pickerLines} from './overlays.js';
import {modeOf, type KeyContext, type UiState} from './state.js';

export const keyOf = (v: {namespace: string; name: string}) => `${v.namespace}/${v.name}`;

export interface Selection {
	/** The rollouts the list shows (after the filter), in order. */
	visible: RolloutView[];
	selectedKey: string | null;
	selectedView: RolloutView | undefined;
	/** The Ingress switches the list shows after the rollouts (filtered by Ingress name). */
	switches: IngressSwitch[];
	selectedSwitch: IngressSwitch | undefined;
}

/** What the list shows and which rollout the keys act on. */
export function selectionOf(views: RolloutView[], state: UiState, allSwitches: IngressSwitch[] = []): Selection {
	const filter = state.filter.toLowerCase();
	const visible = filter ? views.filter(v => v.name.toLowerCase().includes(filter)) : views;
	const switches = filter ? allSwitches.filter(s => s.ingress.toLowerCase().includes(filter)) : allSwitches;
	const onSwitch = state.selected ? allSwitches.find(s => switchKey(s) === state.selected) : undefined;
	if (onSwitch && (state.screen === 'detail' || switches.includes(onSwitch))) {
		return {visible, selectedKey: state.selected, selectedView: undefined, switches, selectedSwitch: onSwitch};
	}
	// "/name" (no namespace known yet) picks the first rollout of that name.
	const wanted = state.selected?.startsWith('/') ? views.find(v => `/${v.name}` === state.selected) : undefined;
	const requested = wanted ? keyOf(wanted) : state.selected;
	const keep = requested && (state.screen !== 'list' || visible.some(v => keyOf(v) === requested));
	const selectedKey = keep ? requested : visible[0] ? keyOf(visible[0]) : switches[0] ? switchKey(switches[0]) : null;
	const selectedSwitch = switches.find(s => switchKey(s) === selectedKey);
	return {visible, selectedKey, selectedView: views.find(v => keyOf(v) === selectedKey), switches, selectedSwitch};
}

export interface ScreenInput {
	state: UiState;
	views: RolloutView[];
	selection: Selection;
	columns: number;
	rows: number;
	now: number;
	origin: string;
	namespace: string | null;
	readonlyReason: string | null;
	connection: WatchSummary;
	/** How old the objects on screen are ("12s") while the connection is degraded; null when current. */
	stale: string | null;
	/** The rollouts watch has not answered yet. */
	loading: boolean;
	/** What the selected rollout's action keys can do (dims the ones that do not apply). */
	actions: Record<ActionName, Applicability> | null;
	/** The pod-template diff the undo picker or confirmation shows. */
	undoDiff: DiffLine[];
	/** The spinner's current glyph, while something is in flight. */
	spinner: string | null;
	/** The traffic panel, when open (pinned above the scrolling detail). */
	traffic?: TrafficPanel | null;
	/** Whether the traffic panel can probe (absent for --file). */
	canProbe?: boolean;
	/** What the selected Ingress switch's keys can do (w, D, U); null on a rollout. */
	manualActions?: Record<string, {enabled: boolean}> | null;
	/** The focused pod (Tab in the detail screen), or null when none has the focus or it is gone. */
	podDetail?: PodDetailView | null;
}

export interface Screen {
	lines: Line[];
	keyContext: KeyContext;
}

export function buildScreen(input: ScreenInput): Screen {
	const {state, selection, columns, rows, readonlyReason} = input;
	// The last row stays empty, so no terminal scrolls on a write to its bottom-right cell.
	const height = Math.max(3, rows - 1);
	const width = Math.max(10, columns);
	const bodyHeight = Math.max(1, height - 3);
	const modal = modalLines(input, width);
	const under = bodyHeight - (modal.length ? modal.length + 1 : 0);

	let body: Line[];
	let detailCount = 0;
	let runCount = 0;
	let pinned: Line[] = [];
	if (state.screen === 'analysis') {
		const lines = runBody(input);
		runCount = lines.length;
		body = windowOf(lines, state.runOffset, under).items;
	} else if (state.screen === 'detail') {
		const lines = detailBody(input, width);
		detailCount = lines.length;
		pinned = panelLines(input, width, under);
		body = [...pinned, ...windowOf(lines, state.detailOffset, under - pinned.length).items];
	} else body = listBody(input, width, Math.max(1, under - 1));
	if (state.help) body = windowOf(modal, state.helpOffset, bodyHeight).items;
	else if (modal.length > 0) body = [...modal, [], ...body];

	const gap: Line[] = Array.from({length: Math.max(0, bodyHeight - body.length)}, () => []);
	const message = input.spinner !== null ? busyLine(input.spinner, state.busy) : messageLine(input);
	const lines = [titleLine(input), ...body.slice(0, bodyHeight), ...gap, message, footerLine(state, readonlyReason !== null, input.actions, input.manualActions ?? null)];
	const keyContext: KeyContext = {
		visible: [...selection.visible.map(keyOf), ...selection.switches.map(switchKey)],
		listHeight: Math.max(1, bodyHeight - 1),
		detailLines: state.help ? modal.length : detailCount,
		detailHeight: Math.max(1, bodyHeight - pinned.length),
		readonly: readonlyReason !== null,
		stale: input.stale,
		runs: selection.selectedView ? rolloutRuns(selection.selectedView).map(e => e.run.name) : [],
		runLines: runCount,
		canProbe: input.canProbe ?? false,
		// Also on the list: Enter and Tab typed in one chunk are dispatched with this render's context.
		podGrid: selection.selectedView ? gridRows(selection.selectedView, width).map(r => r.shown.map(p => p.name)) : [],
	};
	return {lines, keyContext};
}

function modalLines(input: ScreenInput, width: number): Line[] {
	const {state, selection, undoDiff} = input;
	if (state.help) return helpLines(state.screen, input.readonlyReason !== null);
	if (state.picker && selection.selectedKey) {
		return pickerLines(selection.selectedView?.name ?? '', state.picker.choices, state.picker.index, undoDiff);
	}
	if (state.confirm) return confirmLines(state.confirm, width, state.confirm.action === 'undo' ? undoDiff : []);
	return [];
}

/** The traffic panel and a blank line, at most `room - 1` lines so one line of the detail stays in view. */
function panelLines({traffic}: ScreenInput, width: number, room: number): Line[] {
	if (!traffic) return [];
	const lines = trafficLines(traffic, width);
	if (traffic.strips.length === 0) lines.push([seg('this rollout names no Service to probe', {dim: true})]);
	return [...lines, []].slice(0, Math.max(0, room - 1));
}

function detailBody({state, selection, now, loading, podDetail}: ScreenInput, width: number): Line[] {
	const view = selection.selectedView;
	if (view && state.focusedPod !== null) return podFocusLines(view, state.focusedPod, podDetail ?? null, now, width);
	if (view) return detailLines(view, now, width, state.selectedRun);
	if (selection.selectedSwitch) return switchDetailLines(selection.selectedSwitch, width);
	const why = loading ? ' yet' : ' (deleted, or not in scope)';
	return [[seg(`rollout ${selection.selectedKey ?? ''} not found${why}`, {color: 'yellow'})]];
}

/** The open analysis run (Enter on a run in the detail view). */
function runBody({state, selection, now}: ScreenInput): Line[] {
	const lines = selection.selectedView && state.selectedRun ? analysisRunLines(selection.selectedView, state.selectedRun, now) : null;
	return lines ?? [[seg(`analysis run ${state.selectedRun ?? ''} not found (deleted?)`, {color: 'yellow'})]];
}

function listBody({state, selection, now, namespace, loading}: ScreenInput, width: number, tableHeight: number): Line[] {
	const {visible, selectedKey} = selection;
	// Ingress switches below the rollouts, in at most half the table (a window around the selected one).
	const switchRows = switchSection(selection, width, tableHeight);
	const rolloutHeight = Math.max(1, tableHeight - switchRows.length);
	const index = visible.findIndex(v => keyOf(v) === selectedKey);
	const offset = windowOf(visible, scrollToShow(Math.max(0, index), state.listOffset, rolloutHeight), rolloutHeight).offset;
	const {header, rows} = listLines(visible, selectedKey, now, width, namespace === null, {offset, height: rolloutHeight});
	if (visible.length > 0 || loading) return [header, ...rows, ...switchRows];
	if (switchRows.length > 0) return switchRows;
	const scope = namespace === null ? 'in any namespace' : `in namespace ${namespace}`;
	return [header, [seg(state.filter ? `no rollout matches "${state.filter}"` : `no rollouts ${scope}`, {dim: true})]];
}

function switchSection({switches, selectedKey}: Selection, width: number, tableHeight: number): Line[] {
	const [head, ...rows] = switchListLines(switches, selectedKey, width);
	if (!head) return [];
	const room = Math.max(1, Math.floor(tableHeight / 2) - 1);
	const index = Math.max(0, switches.findIndex(s => switchKey(s) === selectedKey));
	return [head, ...windowOf(rows, scrollToShow(index, 0, room), room).items];
}

function titleLine({origin, namespace, views, connection, readonlyReason, stale}: ScreenInput): Line {
	const attention = views.filter(v => v.needsAttention).length;
	const glyph = connection.severity === 'ok' ? '●' : connection.severity === 'warn' ? '◌' : '✖';
	const color = connection.severity === 'ok' ? 'green' : connection.severity === 'warn' ? 'yellow' : 'red';
	const state = connection.severity === 'ok' ? connection.summary : connection.severity === 'warn' ? 'degraded' : 'offline';
	const line: Line = [seg('rollouts-tui', {bold: true}), seg(` ${glyph} ${state}${stale ? `, stale ${stale}` : ''}`, {color})];
	if (readonlyReason) line.push(seg(`  READ-ONLY (${readonlyReason})`, {bold: true, color: 'yellow'}));
	line.push(seg(`  ${origin}  ns ${namespace ?? '(all)'}  ${views.length} rollout${views.length === 1 ? '' : 's'}`));
	if (attention > 0) line.push(seg(`, ${attention} need${attention === 1 ? 's' : ''} attention`, {bold: true, color: 'yellow'}));
	return line;
}

function messageLine({state, connection, loading}: ScreenInput): Line {
	if (state.flash) {
		const {kind, text} = state.flash;
		const glyph = kind === 'success' ? '✔' : kind === 'error' ? '✖' : 'ℹ';
		const color = kind === 'success' ? 'green' : kind === 'error' ? 'red' : undefined;
		return [seg(`${glyph} ${text}`, {color}), seg('  (Esc dismisses)', {dim: true})];
	}
	if (state.filtering || state.filter) return [seg('/', {bold: true}), seg(state.filter), seg(state.filtering ? '▏' : '', {dim: true})];
	if (connection.severity !== 'ok') return [seg(`⚠ ${connection.summary}`, {color: connection.severity === 'error' ? 'red' : 'yellow'})];
	return loading ? [] : [seg('')];
}

function busyLine(spinner: string, busy: string | null): Line {
	return [seg(spinner, {color: 'blue'}), seg(` ${busy ? `${busy}…` : 'loading rollouts…'}`)];
}

function footerLine(state: UiState, readonly: boolean, actions: Record<ActionName, Applicability> | null, manual: Record<string, {enabled: boolean}> | null): Line {
	const mode = modeOf(state);
	if (mode === 'confirm' || mode === 'picker' || mode === 'filter') return hintLine(mode).map(s => ({...s, dim: true}));
	const line: Line = [];
	for (const b of bindingsFor(mode === 'help' ? state.screen : mode, readonly)) {
		// A switch's footer shows w/D/U, a rollout's its own keys: each is told apart by what is selected.
		if (!b.hint || (manual ? isAction(b) : isManual(b))) continue;
		const enabled = isAction(b) ? (actions?.[b.intent.action]?.enabled ?? false) : isManual(b) ? (manual?.[b.intent.manual]?.enabled ?? false) : true;
		line.push(seg(footerKeys(b), {bold: enabled, dim: !enabled}), seg(` ${b.hint}  `, {dim: true}));
	}
	return line;
}

