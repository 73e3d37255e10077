// Ink's (input, key) pair -> one KeyName the dispatcher understands.
import type {Key} from 'ink';
import type {KeyName} from './state.js';

export function toKeyName(input: string, key: Key): KeyName | null {
	if (key.ctrl && input === 'c') return 'ctrl-c';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp || (key.ctrl && input === 'b')) return 'pageUp';
	if (key.pageDown || (key.ctrl && input === 'f')) return 'pageDown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl || key.meta || key.tab || !input) return null;
	// A paste or a burst can arrive as several characters; the dispatcher takes one.
	return {char: input.length === 1 ? input : input[0]!};
}
