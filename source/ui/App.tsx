// The interactive screen, wired: the Source's snapshot -> views (pure model)
// -> the screen as lines (screen.ts) -> the screen writer (Frame); keys go to
// the controller (controller.ts), which owns the UI state and every effect.
import React, {useMemo} from 'react';
import {useApp, useInput, useStdin} from 'ink';
import type {ActionResult} from '../actions/execute.js';
import type {ActionPlan} from '../actions/plan.js';
import {actionsFor, undoDiffFor} from '../actions/targets.js';
import {isSwitchKey, manualActionsFor} from '../actions/switch-targets.js';
import type {ManualPlan} from '../actions/manual-plan.js';
import {normalise} from '../domain/normalise.js';
import {ingressSwitches, type SwitchOverride} from '../model/ingress-switch.js';
import {deriveRollouts} from '../model/derive.js';
import {podDetailFor} from '../model/pod-detail.js';
import type {Source} from '../kube/source.js';
import {describeWatches, staleSince} from '../kube/watch-status.js';
import {humanDuration} from '../model/duration.js';
import {useController} from './controller.js';
import {Frame} from './Frame.js';
import {useNow, useSnapshot, useSpinner, useTerminalSize} from './hooks.js';
import {buildScreen, keyOf, selectionOf} from './screen.js';
import {trafficTargets, useTraffic} from './use-traffic.js';
import type {StartTraffic} from '../kube/service-probe.js';

export {keyOf} from './screen.js';

const NO_OVERRIDES: readonly SwitchOverride[] = [];

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
	/** Probes Services for the traffic panel; absent for offline sources. */
	probe?: StartTraffic;
	/** Open the initial rollout with the traffic panel on. */
	initialTraffic?: boolean;
	/** "namespace/name" to open straight away. */
	initialRollout?: string;
	/** Sends an Ingress switch's plan; absent for offline sources. */
	executeManual?: (plan: ManualPlan) => Promise<ActionResult>;
	/** --switches families the detection rule misses. */
	overrides?: readonly SwitchOverride[];
}

export function App({source, origin, namespace, readonlyReason, execute, probe, initialTraffic, initialRollout, executeManual, overrides = NO_OVERRIDES}: AppProps) {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const {columns, rows} = useTerminalSize();
	const snapshot = useSnapshot(source);
	const now = useNow(1000);
	const {objects} = snapshot;
	// Derived once per change of the objects; the 1 s tick only re-renders ages and countdowns.
	const views = useMemo(() => deriveRollouts(objects, Date.now()), [objects]);
	const switches = useMemo(() => ingressSwitches(normalise(objects), overrides), [objects, overrides]);
	const {state, onInput} = useController({initialRollout, objects, views, now, execute, initialTraffic, executeManual, overrides, quit: exit});

	const selection = selectionOf(views, state, switches);
	const {selectedKey, selectedView} = selection;
	const inDetail = state.screen === 'detail';
	const targets = useMemo(() => (inDetail && selectedView ? trafficTargets(selectedView) : []), [inDetail, selectedView]);
	const traffic = useTraffic(probe, inDetail ? state.traffic : null, targets);
	const actions = useMemo(() => (selectedKey ? actionsFor(objects, selectedKey) : null), [objects, selectedKey]);
	const manualActions = useMemo(() => (isSwitchKey(selectedKey) ? manualActionsFor(objects, selectedKey!, overrides) : null), [objects, selectedKey, overrides]);
	const undoTarget = state.picker ? selectedKey : state.confirm?.action === 'undo' ? keyOf(state.confirm.rollout) : null;
	const undoRevision = state.picker ? state.picker.choices[state.picker.index]?.revision : state.confirm && 'rollout' in state.confirm ? state.confirm.targetRevision : undefined;
	const lostAt = staleSince(snapshot.watches);
	const stale = lostAt === null ? null : humanDuration(Math.max(0, now - lostAt));
	const focusedPod = state.screen === 'detail' ? state.focusedPod : null;
	const podNamespace = selection.selectedView?.namespace ?? '';
	const podDetail = useMemo(() => (focusedPod ? podDetailFor(objects, podNamespace, focusedPod) : null), [objects, podNamespace, focusedPod]);
	const loading = snapshot.watches.some(w => w.resource === 'rollouts' && w.state === 'connecting');
	const spinning = Boolean(state.busy) || (loading && !state.flash);
	const spinner = useSpinner(spinning);

	const screen = buildScreen({
		state,
		views,
		selection,
		columns,
		rows,
		now,
		origin,
		namespace,
		readonlyReason,
		connection: describeWatches(snapshot.watches, now),
		stale,
		loading,
		actions,
		manualActions,
		undoDiff: undoTarget ? undoDiffFor(objects, undoTarget, undoRevision) : [],
		spinner: spinning ? spinner : null,
		traffic,
		canProbe: probe !== undefined,
		podDetail,
	});
	useInput((input, key) => onInput(input, key, screen.keyContext, selectedKey), {isActive: Boolean(isRawModeSupported)});
	return <Frame lines={screen.lines} columns={columns} rows={rows} />;
}
