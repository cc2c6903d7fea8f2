import type { ReactNode } from 'react';
import { Table } from '@mantine/core';

/**
 * A table wider than the screen scrolls sideways; keyboard users reach the scrolling area with Tab and scroll it
 * with the arrow keys (WCAG 2.1.1, axe: scrollable-region-focusable).
 */
export const keyboardScroll = { viewportProps: { tabIndex: 0 } };

/**
 * The tables of the app: horizontally scrollable on narrow screens (and in either direction for right-to-left),
 * a header row of `<Table.Th scope="col">` cells given as `head`, and the body rows as children.
 */
export function DataTable({
  testId,
  minWidth,
  head,
  children,
  striped = true,
  highlightOnHover = false,
  caption,
}: {
  /** Names the table for screen readers (announced on entering it) and shows it above the table. */
  caption?: string;
  testId: string;
  minWidth: number;
  head: ReactNode;
  children: ReactNode;
  striped?: boolean;
  highlightOnHover?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={keyboardScroll}>
      <Table
        striped={striped}
        highlightOnHover={highlightOnHover}
        data-testid={testId}
        captionSide={caption ? 'top' : undefined}
      >
        {caption && (
          <Table.Caption ta="start" fw={600} c="var(--mantine-color-text)">
            {caption}
          </Table.Caption>
        )}
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
