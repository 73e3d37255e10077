// Renders pre-laid-out lines: one <Text> per line, cut to the width, so Ink
// never wraps and the frame's height is exactly the number of lines.
import React from 'react';
import {Text} from 'ink';
import {clipLine, type Line} from './lines.js';

export function LinesView({lines, width}: {lines: Line[]; width: number}) {
	return (
		<>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{clipLine(line, width).map((s, j) => (
						<Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
							{s.text}
						</Text>
					))}
					{line.length === 0 ? ' ' : ''}
				</Text>
			))}
		</>
	);
}
