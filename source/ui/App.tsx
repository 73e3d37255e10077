// The interactive screen: title bar, body (list or detail, with modal layers
// on top), message line and key hints. It owns no Kubernetes logic: objects
// come from a Source, views from the pure model, patches from the pure
// action planner, and the one side effect (sending a plan) from a prop.
import React, {useMemo, useReducer, useRef} from 'react';
import {useApp, useInput, useStdin} from 'ink';
import {applicableActions, planAction, templateDiff, undoCandidates, type ActionName, type ActionPlan} from '../actions/plan.js';
import type {ActionResult} from '../actions/execute.js';
import {age, humanDuration} from '../model/duration.js';
import {deriveRollouts} from '../model/derive.js';
import type {Rollout, ReplicaSet} from '../domain/raw.js';
import type {RolloutView} from '../model/view.js';
import type {Source} from '../kube/source.js';
import {describeWatches, staleSince} from '../kube/watch-status.js';
import {detailLines} from './detail-lines.js';
import {useNow, useSnapshot, useSpinner, useTerminalSize} from './hooks.js';
import {bindingsFor, footerKeys, isAction} from './keymap.js';
import {scrollToShow, seg, windowOf, type Line} from './lines.js';
import {listLines} from './list-lines.js';
import {confirmLines, helpLines, hintLine, pickerLines} from './overlays.js';
import {initialUiState, modeOf, reduceKey, type Effect, type RevisionChoice, type UiState} from './state.js';
import {toKeyNames} from './keys.js';
import {Frame} from './Frame.js';

export interface AppProps {
	source: Source;
	/** Where the objects come from, for the title bar: "context kwok" or "file demo.yaml". */
	origin: string;
	/** null = all namespaces. */
	namespace: string | null;
	/** Why actions are off ("--readonly", "offline --file"), or null when they are on. */
	readonlyReason: string | null;
	/** Sends a plan to the cluster; absent for offline sources. */
	execute?: (plan: ActionPlan) => Promise<ActionResult>;
	/** "namespace/name" to open straight away. */
	initialRollout?: string;
}

type Msg = {type: 'set'; state: UiState} | {type: 'patch'; patch: Partial<UiState>};

const reducer = (state: UiState, msg: Msg): UiState =>
	msg.type === 'set' ? msg.state : {...state, ...msg.patch};

export const keyOf = (v: {namespace: string; name: string}) => `${v.namespace}/${v.name}`;

/** The rollout object and its ReplicaSets, which the action planner works on. */
function objectsFor(key: string, rollouts: Rollout[], replicaSets: ReplicaSet[]) {
	const rollout = rollouts.find(r => `${r.metadata?.namespace}/${r.metadata?.name}` === key);
	const sameNs = replicaSets.filter(rs => rs.metadata?.namespace === rollout?.metadata?.namespace);
	return {rollout, replicaSets: sameNs};
}

function revisionChoices(view: RolloutView, now: number): RevisionChoice[] {
	return view.revisions
		.filter(rev => rev.revision !== view.currentRevision && rev.replicaSets.length > 0)
		.map(rev => {
			const rs = rev.replicaSets[0]!;
			const ready = `${rs.pods.filter(p => p.state === 'ready').length}/${rs.desired} ready`;
			const when = rs.createdAt ? age(rs.createdAt, now) : '';
			return {revision: rev.revision, label: `revision ${rev.revision}  ${rs.images.join(', ')}  ${when}  ${ready}`};
		});
}

export function App({source, origin, namespace, readonlyReason, execute, initialRollout}: AppProps) {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const {columns, rows} = useTerminalSize();
	const snapshot = useSnapshot(source);
	const now = useNow(1000);
	const [state, dispatch] = useReducer(reducer, undefined, () =>
		initialUiState(initialRollout ?? null, initialRollout ? 'detail' : 'list'),
	);
	const listOffset = useRef(0);
	// Keys can arrive faster than React re-renders; the handler reads and writes
	// this ref so a second key sees the first one's effect.
	const latest = useRef(state);
	latest.current = state;
	const commit = (next: UiState) => {
		latest.current = next;
		dispatch({type: 'set', state: next});
	};

	// Derived once per change of the objects; the 1 s tick only re-renders ages and countdowns.
	const views = useMemo(() => deriveRollouts(snapshot.objects, Date.now()), [snapshot]);
	const filter = state.filter.toLowerCase();
	const visible = useMemo(() => views.filter(v => v.name.toLowerCase().includes(filter)), [views, filter]);
	// "/name" (no namespace known yet) picks the first rollout of that name.
	const wanted = state.selected?.startsWith('/') ? views.find(v => `/${v.name}` === state.selected) : undefined;
	const requested = wanted ? keyOf(wanted) : state.selected;
	const selectedKey =
		requested && (state.screen === 'detail' || visible.some(v => keyOf(v) === requested))
			? requested
			: visible[0]
				? keyOf(visible[0])
				: null;
	const selectedView = views.find(v => keyOf(v) === selectedKey);

	// Geometry: the last row stays empty, so no terminal scrolls on a write to its bottom-right cell.
	const height = Math.max(3, rows - 1);
	const width = Math.max(10, columns);
	const bodyHeight = Math.max(1, height - 3);

	const {rollouts, replicaSets} = snapshot.objects;
	const modal: Line[] = state.help
		? helpLines(state.screen, readonlyReason !== null)
		: state.picker && selectedKey
			? pickerLines(
					selectedView?.name ?? '',
					state.picker.choices,
					state.picker.index,
					diffToRevision(selectedKey, state.picker.choices[state.picker.index]?.revision, rollouts, replicaSets),
				)
			: state.confirm
				? confirmLines(
						state.confirm,
						width,
						state.confirm.action === 'undo'
							? diffToRevision(`${state.confirm.rollout.namespace}/${state.confirm.rollout.name}`, state.confirm.targetRevision, rollouts, replicaSets)
							: [],
					)
				: [];

	let body: Line[];
	let detailCount = 0;
	const loading = snapshot.watches.some(w => w.resource === 'rollouts' && w.state === 'connecting');
	if (state.screen === 'detail') {
		const lines = selectedView
			? detailLines(selectedView, now, width)
			: [[seg(`rollout ${selectedKey ?? ''} not found${loading ? ' yet' : ' (deleted, or not in scope)'}`, {color: 'yellow'})]];
		detailCount = lines.length;
		body = windowOf(lines, state.detailOffset, bodyHeight - (modal.length ? modal.length + 1 : 0)).items;
	} else {
		const tableHeight = Math.max(1, bodyHeight - 1 - (modal.length ? modal.length + 1 : 0));
		const index = visible.findIndex(v => keyOf(v) === selectedKey);
		listOffset.current = windowOf(visible, scrollToShow(Math.max(0, index), listOffset.current, tableHeight), tableHeight).offset;
		const {header, rows: tableRows} = listLines(visible, selectedKey, now, width, namespace === null, {
			offset: listOffset.current,
			height: tableHeight,
		});
		const empty: Line[] =
			visible.length === 0 && !loading
				? [[seg(state.filter ? `no rollout matches "${state.filter}"` : `no rollouts ${namespace === null ? 'in any namespace' : `in namespace ${namespace}`}`, {dim: true})]]
				: [];
		body = [header, ...empty, ...tableRows];
	}
	if (state.help) body = windowOf(modal, state.helpOffset, bodyHeight).items;
	else if (modal.length > 0) body = [...modal, [], ...body];

	const connection = describeWatches(snapshot.watches, now);
	const lostAt = staleSince(snapshot.watches);
	const stale = lostAt === null ? null : humanDuration(Math.max(0, now - lostAt));
	const actions = useMemo(() => {
		if (!selectedKey) return null;
		const {rollout, replicaSets} = objectsFor(selectedKey, snapshot.objects.rollouts, snapshot.objects.replicaSets);
		return rollout ? applicableActions(rollout, replicaSets) : null;
	}, [selectedKey, snapshot]);

	const runEffect = (effect: Effect, next: UiState) => {
		switch (effect.type) {
			case 'quit':
				exit();
				return;
			case 'openPicker': {
				const view = views.find(v => keyOf(v) === effect.target);
				const choices = view ? revisionChoices(view, now) : [];
				commit(choices.length ? {...next, picker: {choices, index: 0}} : {...next, flash: {kind: 'error', text: 'undo: no earlier revision to roll back to'}});
				return;
			}
			case 'plan': {
				const {rollout, replicaSets} = objectsFor(effect.target, snapshot.objects.rollouts, snapshot.objects.replicaSets);
				if (!rollout) {
					commit({...next, flash: {kind: 'error', text: `rollout ${effect.target} is gone`}});
					return;
				}
				const plan = planAction(effect.action, rollout, replicaSets, {toRevision: effect.toRevision, now: Date.now()});
				if ('refused' in plan) {
					const text = `${effect.action}: ${plan.reason}${plan.hint ? ` — ${plan.hint}` : ''}`;
					commit({...next, flash: {kind: 'error', text}});
				} else commit({...next, confirm: plan});
				return;
			}
			case 'execute': {
				if (!execute) return;
				const what = `${effect.plan.action} ${effect.plan.rollout.name}`;
				commit({...next, busy: what, flash: null});
				execute(effect.plan).then(
					result =>
						dispatch({type: 'patch', patch: {busy: null, flash: {kind: result.ok ? 'success' : 'error', text: result.message}}}),
					(error: unknown) =>
						dispatch({type: 'patch', patch: {busy: null, flash: {kind: 'error', text: `${what} failed: ${String(error)}`}}}),
				);
				return;
			}
		}
	};

	useInput(
		(input, key) => {
			// Several keys can arrive in one chunk; run them in order on a local state.
			const before = latest.current;
			// Since the last render, only our own earlier keys can have moved the selection.
			let current = before === state ? {...state, selected: selectedKey} : before;
			for (const name of toKeyNames(input, key)) {
				const result = reduceKey(current, name, {
					visible: visible.map(keyOf),
					listHeight: Math.max(1, bodyHeight - 1),
					detailLines: before.help ? modal.length : detailCount,
					detailHeight: bodyHeight,
					readonly: readonlyReason !== null,
					stale,
				});
				current = result.state;
				if (result.effect) {
					runEffect(result.effect, result.state);
					return;
				}
			}
			commit(current);
		},
		{isActive: Boolean(isRawModeSupported)},
	);

	const spinning = Boolean(state.busy) || (loading && !state.flash);
	const spinner = useSpinner(spinning);
	const title = titleLine(origin, namespace, views, connection, readonlyReason, stale);
	const message = spinning ? busyLine(spinner, state.busy) : messageLine(state, connection, loading);
	const footer = footerLine(state, readonlyReason !== null, actions);
	const gap: Line[] = Array.from({length: Math.max(0, bodyHeight - body.length)}, () => []);
	const frame = [title, ...body.slice(0, bodyHeight), ...gap, message, footer];
	return <Frame lines={frame} columns={columns} rows={rows} />;
}

/** The pod-template diff from the rollout's current template to a revision's (for undo). */
function diffToRevision(key: string, revision: number | undefined, rollouts: Rollout[], replicaSets: ReplicaSet[]) {
	if (revision === undefined) return [];
	const {rollout, replicaSets: candidates} = objectsFor(key, rollouts, replicaSets);
	if (!rollout?.spec?.template) return [];
	const target = undoCandidates(rollout, candidates).find(c => c.revision === revision);
	return target?.template ? templateDiff(rollout.spec.template, target.template) : [];
}

function titleLine(
	origin: string,
	namespace: string | null,
	views: RolloutView[],
	connection: {summary: string; severity: 'ok' | 'warn' | 'error'},
	readonlyReason: string | null,
	stale: string | null,
): Line {
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

function messageLine(state: UiState, connection: {summary: string; severity: 'ok' | 'warn' | 'error'}, loading: boolean): Line {
	if (state.flash) {
		const {kind, text} = state.flash;
		const glyph = kind === 'success' ? '✔' : kind === 'error' ? '✖' : 'ℹ';
		return [seg(`${glyph} ${text}`, {color: kind === 'success' ? 'green' : kind === 'error' ? 'red' : undefined}), seg('  (Esc dismisses)', {dim: true})];
	}
	if (state.filtering || state.filter) return [seg('/', {bold: true}), seg(state.filter), seg(state.filtering ? '▏' : '', {dim: true})];
	if (connection.severity !== 'ok') return [seg(`⚠ ${connection.summary}`, {color: connection.severity === 'error' ? 'red' : 'yellow'})];
	return loading ? [] : [seg('')];
}

function busyLine(spinner: string, busy: string | null): Line {
	return [seg(spinner, {color: 'blue'}), seg(` ${busy ? `${busy}…` : 'loading rollouts…'}`)];
}

function footerLine(
	state: UiState,
	readonly: boolean,
	actions: Record<ActionName, {enabled: boolean}> | null,
): Line {
	const mode = modeOf(state);
	if (mode === 'confirm' || mode === 'picker' || mode === 'filter') return hintLine(mode).map(s => ({...s, dim: true}));
	const line: Line = [];
	for (const b of bindingsFor(mode === 'help' ? state.screen : mode, readonly)) {
		if (!b.hint) continue;
		const enabled = !isAction(b) || (actions?.[b.intent.action]?.enabled ?? false);
		line.push(seg(footerKeys(b), {bold: enabled, dim: !enabled}), seg(` ${b.hint}  `, {dim: true}));
	}
	return line;
}
