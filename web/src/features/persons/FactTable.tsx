import type { ReactNode } from 'react';
import { Table, Text } from '@mantine/core';

export interface Fact {
  key: string;
  label: string;
  value: ReactNode;
  /** Which agency recorded the value, and when. */
  source?: string | null;
}

/** Label, value and source of each fact about a person, readable as a table with row headers. */
export function FactTable({ facts, caption, testId }: { facts: Fact[]; caption: string; testId?: string }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table data-testid={testId} verticalSpacing={6}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Tbody>
          {facts.map((fact) => (
            <Table.Tr key={fact.key} data-field={fact.key}>
              <Table.Th scope="row" w="32%" fw={600}>
                {fact.label}
              </Table.Th>
              <Table.Td>
                <div>{fact.value}</div>
                {fact.source && (
                  <Text size="xs" c="dimmed" data-testid="provenance">
                    {fact.source}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
