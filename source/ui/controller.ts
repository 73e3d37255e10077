// The App's one owner of effects: the UI state (one reducer), the key
// handler, and what keys lead to (open the undo picker, plan an action, ask
// for confirmation, send the plan). It talks to the planner through
// actions/targets.ts, never to raw objects.
import {useReducer, useRef} from 'react';
import type {Key} from 'ink';
import type {ActionResult} from '../actions/execute.js';
import type {ActionPlan} from '../actions/plan.js';
import {planFor} from '../actions/targets.js';
import {manualPlanFor} from '../actions/switch-targets.js';
import type {ManualPlan} from '../actions/manual-plan.js';
import type {SwitchOverride} from '../model/ingress-switch.js';
import type {ObjectSets} from '../domain/raw.js';
import {age} from '../model/duration.js';
import {DEFAULT_RATE} from '../model/traffic-pace.js';
import type {RolloutView} from '../model/view.js';
import {toKeyNames} from './keys.js';
import {keyOf} from './screen.js';
import {initialUiState, reduceKey, type Effect, type KeyContext, type RevisionChoice, type UiState} from './state.js';

type Msg = {type: 'set'; state: UiState} | {type: 'patch'; patch: Partial<UiState>};

const reducer = (state: UiState, msg: Msg): UiState => (msg.type === 'set' ? msg.state : {...state, ...msg.patch});

export interface ControllerInput {
	initialRollout: string | undefined;
	objects: ObjectSets;
	views: RolloutView[];
	now: number;
	execute: ((plan: ActionPlan) => Promise<ActionResult>) | undefined;
	/** Open the traffic panel from the start (with the rollout's detail). */
	initialTraffic?: boolean;
	/** Sends an Ingress switch's plan (switch, scale-down, scale-up); absent offline. */
	executeManual?: ((plan: ManualPlan) => Promise<ActionResult>) | undefined;
	/** --switches families, for planning the same switches the screen shows. */
	overrides?: readonly SwitchOverride[];
	quit: () => void;
}

export interface Controller {
	state: UiState;
	/** Runs an Ink key press through the dispatcher with the geometry and selection of the last render. */
	onInput(input: string, key: Key, ctx: KeyContext, selectedKey: string | null): void;
}

export function useController({initialRollout, objects, views, now, execute, initialTraffic, executeManual, overrides = [], quit}: ControllerInput): Controller {
	const [state, dispatch] = useReducer(reducer, undefined, () => {
		const initial = initialUiState(initialRollout ?? null, initialRollout ? 'detail' : 'list');
		return initialTraffic && initialRollout ? {...initial, traffic: {rate: DEFAULT_RATE}} : initial;
	});
	// Keys can arrive faster than React re-renders: the handler reads and writes
	// this ref, so a second key sees the first one's effect before the render.
	const latest = useRef(state);
	latest.current = state;
	const commit = (next: UiState) => {
		latest.current = next;
		dispatch({type: 'set', state: next});
	};
	const flash = (next: UiState, text: string): UiState => ({...next, flash: {kind: 'error', text}});

	const runEffect = (effect: Effect, next: UiState) => {
		switch (effect.type) {
			case 'quit':
				quit();
				return;
			case 'openPicker': {
				const view = views.find(v => keyOf(v) === effect.target);
				const choices = view ? revisionChoices(view, now) : [];
				commit(choices.length ? {...next, picker: {choices, index: 0}} : flash(next, 'undo: no earlier revision to roll back to'));
				return;
			}
			case 'plan': {
				const outcome = planFor(objects, effect.target, effect.action, {toRevision: effect.toRevision, now: Date.now()});
				commit('plan' in outcome ? {...next, confirm: outcome.plan} : flash(next, outcome.refused));
				return;
			}
			case 'planManual': {
				const outcome = manualPlanFor(objects, effect.target, effect.action, overrides);
				commit('plan' in outcome ? {...next, confirm: outcome.plan} : flash(next, outcome.refused));
				return;
			}
			case 'execute': {
				const plan = effect.plan;
				const send = 'rollout' in plan ? execute && (() => execute(plan)) : executeManual && (() => executeManual(plan));
				if (!send) return;
				const what = `${plan.action} ${'rollout' in plan ? plan.rollout.name : plan.target.name}`;
				commit({...next, busy: what, flash: null});
				send().then(
					result => dispatch({type: 'patch', patch: {busy: null, flash: {kind: result.ok ? 'success' : 'error', text: result.message}}}),
					(error: unknown) => dispatch({type: 'patch', patch: {busy: null, flash: {kind: 'error', text: `${what} failed: ${String(error)}`}}}),
				);
				return;
			}
		}
	};

	const onInput = (input: string, key: Key, ctx: KeyContext, selectedKey: string | null) => {
		const before = latest.current;
		// Since the last render, only our own earlier keys can have moved the selection.
		let current = before === state ? {...state, selected: selectedKey} : before;
		// Several keys can arrive in one chunk; run them in order on a local state.
		for (const name of toKeyNames(input, key)) {
			const result = reduceKey(current, name, ctx);
			current = result.state;
			if (result.effect) {
				runEffect(result.effect, result.state);
				return;
			}
		}
		commit(current);
	};
	return {state, onInput};
}

/** The undo picker's choices: every earlier revision that still has a ReplicaSet. */
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
