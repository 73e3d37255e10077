// Property-based fuzzing of everything that turns untrusted objects into
// output (issue 7, part 3): random mutations of a valid world go through the
// model, the text and JSON printers and the frame builder (line builders +
// screen writer); random edits of a valid file go through the --file loader.
// ROLLOUTS_TUI_FUZZ_RUNS=N runs N cases per property instead of the default;
// ROLLOUTS_TUI_FUZZ_SEED=random (or a number) changes the fixed seed.
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/errors.js';
import {parseObjects} from '../../source/kube/file-source.js';
import {deriveRollouts} from '../../source/model/derive.js';
import {toJson} from '../../source/print/json.js';
import {normalise} from '../../source/domain/normalise.js';
import {ingressSwitches} from '../../source/model/ingress-switch.js';
import {switchText} from '../../source/print/switch-print.js';
import {renderText} from '../../source/print/text.js';
import {detailLines} from '../../source/ui/detail-lines.js';
import {windowOf} from '../../source/ui/lines.js';
import {listLines} from '../../source/ui/list-lines.js';
import {ScreenWriter} from '../../source/ui/screen-writer.js';
import {NOW} from './builders.js';
import {mutate, mutation, validWorld, type Mutation} from './fuzz-world.js';

const RUNS = Number(process.env['ROLLOUTS_TUI_FUZZ_RUNS'] ?? '') || undefined;
// `npm test` runs a fixed seed, so a CI run is reproducible and a failure can be replayed; set
// ROLLOUTS_TUI_FUZZ_SEED (a number, or "random") to explore further.
const SEED_SETTING = process.env['ROLLOUTS_TUI_FUZZ_SEED'] ?? '20261204';
const SEED = SEED_SETTING === 'random' ? undefined : Number(SEED_SETTING);
const runs = (fallback: number) => ({numRuns: RUNS ?? fallback, ...(SEED === undefined ? {} : {seed: SEED})});
/** A frame takes tens of ms on a loaded machine: give long runs the time they need. */
const TIMEOUT = Math.max(600_000, (RUNS ?? 0) * 1000);

/** C0 but newline, DEL, C1, bidi and invisible direction marks: none may reach a terminal. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The colours the text printer itself writes. */
const SGR = /\u001b\[[0-9;]*m/g;
/** Every CSI sequence the screen writer writes: cursor moves, colours, erase, modes. */
const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Output may grow with the input, but only by a constant factor (plus a fixed frame). */
const bounded = (output: string, input: number) => output.length <= 20 * input + 20_000;

/** The JSON contract's always-numeric fields (replica and run counts, restarts); NaN or Infinity would print as null. */
function contractNumbers(value: unknown, parent = ''): unknown[] {
	if (Array.isArray(value)) return value.flatMap(item => contractNumbers(item, parent));
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, item]) =>
		parent === 'replicas' || parent === 'counts' || key === 'restarts' ? [item] : contractNumbers(item, key),
	);
}


/** A mutated world, its views, and the size of its JSON form (the input size outputs are bounded by). */
function mutatedWorld(mutations: Mutation[]) {
	const world = validWorld();
	const touched = mutate(world, mutations);
	return {world, touched, input: JSON.stringify(world)?.length ?? 0, views: deriveRollouts(world, NOW)};
}

const mutations = fc.array(mutation, {minLength: 1, maxLength: 6});
const width = fc.integer({min: 1, max: 240});

describe('fuzz: hostile objects through the model, the printers and the frame builder', () => {
	it('the model and printers never throw, keep the valid rollouts, write no control byte and stay bounded', () => {
		fc.assert(
			fc.property(mutations, width, (mutations, width) => {
				const {world, touched, input, views} = mutatedWorld(mutations);
				// Hand-made blue-green detection reads the same hostile Services, Ingresses, pods and Deployments.
				const switches = ingressSwitches(normalise(world));
				expect(switchText(switches)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
				// Every rollout no mutation touched is still there.
				for (let i = 0; i < 3; i++) {
					if (!touched.has(i)) expect(views.some(v => v.name === `ro-${i}` && v.namespace === 'default'), `ro-${i}`).toBe(true);
				}
				// A bad field is unknown for that field only: no rollout falls back to "cannot read this rollout".
				for (const view of views) expect(view.message).not.toMatch(/^cannot read this rollout/);

				const json = toJson(views);
				expect(contractNumbers(JSON.parse(json)).every(Number.isFinite)).toBe(true);
				expect(bounded(json, input)).toBe(true);

				for (const color of [false, true]) {
					const text = renderText(views, NOW, {color});
					expect(text.replace(SGR, '')).not.toMatch(UNSAFE);
					expect(bounded(text, input)).toBe(true);
					for (let i = 0; i < 3; i++) if (!touched.has(i)) expect(text).toContain(`Name:            ro-${i}\n`);
				}

				// The line builders take any view and any width.
				listLines(views, views[0] ? `${views[0].namespace}/${views[0].name}` : null, NOW, width, true);
				for (const view of views) detailLines(view, NOW, width);
			}),
			runs(1200),
		);
	}, TIMEOUT);

	it('frames the screen writer draws from any view are no wider than the terminal and hold no control byte of theirs', () => {
		fc.assert(
			fc.property(mutations, width, fc.integer({min: 1, max: 60}), fc.nat(), fc.nat(40), (mutations, width, height, pick, offset) => {
				const {views} = mutatedWorld(mutations);
				const list = listLines(views, null, NOW, width, pick % 2 === 0);
				const screen = pick % (views.length + 1);
				const detail = screen === views.length ? [] : windowOf(detailLines(views[screen]!, NOW, width), offset, height).items;
				let written = '';
				const writer = new ScreenWriter({write: (text: string) => ((written += text), true)}, {colour: pick % 3 !== 0});
				// Two frames, so the diffing path runs too: the list, then a detail screen (or the list again).
				for (const lines of [[list.header, ...list.rows], detail]) {
					writer.render(lines, {columns: width, rows: height});
					for (const row of writer.text().split('\n')) expect(stringWidth(row)).toBeLessThanOrEqual(width);
				}
				// The writer's own cursor, colour and mode sequences are CSI; nothing else may be a control character.
				expect(written.replace(CSI, '')).not.toMatch(UNSAFE);
			}),
			runs(300),
		);
	}, TIMEOUT);
});

const VALID_FILE = `apiVersion: v1
kind: List
items:
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: shop, namespace: demo, uid: ro-1}
  spec:
    replicas: 2
    strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration: 30s}}]}}
  status: {currentStepIndex: 1, pauseConditions: [{reason: CanaryPauseStep, startTime: "2026-11-09T15:30:00Z"}]}
- kind: ReplicaSet
  metadata:
    name: shop-aaa
    namespace: demo
    uid: rs-1
    labels: {rollouts-pod-template-hash: aaa}
    ownerReferences: [{uid: ro-1}]
- kind: PodList
  items:
  - metadata: {name: shop-aaa-1, namespace: demo, ownerReferences: [{uid: rs-1}]}
    status: {containerStatuses: [{restartCount: 2}]}
`;

/** Pieces of YAML and JSON syntax, and bytes no file should hold. */
const EDIT_TEXT = fc.constantFrom('[', ']', '{', '}', '&a ', '*a', '&b [*a, *a]', '!!binary ', '!<x>', '<<: *a', ':', '- ', '  ', '\n', '\t', '"', "'", '#', '---\n', '...\n', '\u001b]0;x\u0007', '\u0000', '\u202e', '1e308', 'items: 3', '%YAML 1.1\n', '? ', '|', '>');

const edit = fc.record({at: fc.nat(), remove: fc.nat(8), insert: fc.oneof(EDIT_TEXT, fc.string({maxLength: 6}))});

describe('fuzz: edited files through the loader', () => {
	it('reads them or refuses them with one clean line, never anything else', () => {
		fc.assert(
			fc.property(fc.array(edit, {minLength: 1, maxLength: 8}), fc.boolean(), (edits, asJson) => {
				let text = asJson ? JSON.stringify(parseObjects(VALID_FILE, 'valid')) : VALID_FILE;
				for (const e of edits) {
					const at = e.at % (text.length + 1);
					text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
				}
				try {
					const objects = parseObjects(text, 'f');
					expect(Array.isArray(objects)).toBe(true);
					const views = deriveRollouts({rollouts: objects.filter(o => o.kind === 'Rollout'), replicaSets: [], pods: [], services: [], ingresses: [], analysisRuns: [], experiments: [], deployments: [], events: []}, NOW);
					expect(renderText(views, NOW, {color: false})).not.toMatch(UNSAFE);
				} catch (error) {
					expect(error).toBeInstanceOf(UserError);
					const message = (error as Error).message;
					expect(message).toMatch(/^--file f: /);
					expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
				}
			}),
			runs(1000),
		);
	}, TIMEOUT);
});
