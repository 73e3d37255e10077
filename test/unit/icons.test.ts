import {describe, expect, it} from 'vitest';
import {analysisIcon, podIcon, replicaSetIcon, rolloutIcon} from '../../source/model/icons.js';
import {ICON_GLYPHS, POD_STATE_GLYPHS, iconGlyph} from '../../source/terminal/theme.js';

describe('icons', () => {
	it('uses Argo glyphs', () => {
		expect(ICON_GLYPHS).toEqual({waiting: '◷', progressing: '◌', warning: '⚠', unknown: '?', ok: '✔', bad: '✖', paused: '॥', neutral: '•'});
		expect(iconGlyph('paused')).toBe('॥');
	});

	it('gives every pod state its own glyph', () => {
		expect(new Set(Object.values(POD_STATE_GLYPHS)).size).toBe(6);
	});

	it.each([
		['Progressing', 'progressing'],
		['Error', 'warning'],
		['InvalidSpec', 'warning'],
		['Paused', 'paused'],
		['Healthy', 'ok'],
		['Degraded', 'bad'],
		['Unknown', 'unknown'],
		['ScaledDown', 'neutral'],
	] as const)('rollout %s -> %s', (status, icon) => {
		expect(rolloutIcon(status)).toBe(icon);
	});

	it.each([
		['Progressing', 'progressing'],
		['Healthy', 'ok'],
		['ReplicaFailure', 'bad'],
		['ScaledDown', 'neutral'],
	] as const)('ReplicaSet %s -> %s', (status, icon) => {
		expect(replicaSetIcon(status)).toBe(icon);
	});

	it.each([
		['Init:0/1', 'progressing'],
		['Init:CrashLoopBackOff', 'progressing'],
		['Signal:9', 'bad'],
		['ExitCode:1', 'bad'],
		['CreateContainerConfigError', 'warning'],
		['ErrImagePull', 'warning'],
		['Pending', 'progressing'],
		['Terminating', 'progressing'],
		['ContainerCreating', 'progressing'],
		['Running', 'ok'],
		['Completed', 'ok'],
		['Failed', 'bad'],
		['InvalidImageName', 'bad'],
		['CrashLoopBackOff', 'bad'],
		['ImagePullBackOff', 'warning'],
		['RegistryUnavailable', 'warning'],
		['Unknown', 'unknown'],
	] as const)('pod %s -> %s', (status, icon) => {
		expect(podIcon(status)).toBe(icon);
	});

	it.each([
		['Successful', 'ok'],
		['Inconclusive', 'unknown'],
		['Failed', 'bad'],
		['Error', 'warning'],
		['Running', 'progressing'],
		['Pending', 'waiting'],
	] as const)('analysis %s -> %s', (phase, icon) => {
		expect(analysisIcon(phase)).toBe(icon);
	});
});
